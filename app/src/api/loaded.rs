//! What a screen loads (an API call's answer, the device's drafts), as one kind of resource.
//!
//! Leptos compiles its resource machinery (`ArcAsyncDerived`'s task, its `ScopedFuture`, the arena's
//! reads) once per value type and per fetching closure: 1–5 KB each, a copy for every
//! `LocalResource::new` in the app. [`Loaded`] hands Leptos one closure type and one value type, a
//! boxed future of an `Rc<dyn Any>`, so that the machinery is compiled once; what stays per screen is
//! the boxing of its future and the downcast of its answer.

use std::any::Any;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::*;

/// The one fetcher type Leptos sees.
type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Rc<dyn Any>>>>>;

/// A `LocalResource<T>` in all a screen sees of it: `None` until the first answer, then the latest
/// answer (the previous one while it is read again); fetched again when a signal read by `fetch` changes
/// or on [`Loaded::refetch`].
pub struct Loaded<T> {
    resource: LocalResource<Rc<dyn Any>>,
    value: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: Clone + 'static> Loaded<T> {
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let fetch: Fetch = Box::new(move || {
            let answer = fetch();
            Box::pin(async move { Rc::new(answer.await) as Rc<dyn Any> })
        });
        Self { resource: erased(fetch), value: PhantomData }
    }

    /// The latest answer (tracked, like `LocalResource::get`).
    pub fn get(&self) -> Option<T> {
        // The downcast cannot fail: `new` is the only way in, and it stores a `T`.
        self.resource.get().and_then(|answer| answer.downcast_ref::<T>().cloned())
    }

    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

/// The resource itself, outside the generic `Loaded::new` so that nothing of it is compiled per `T`.
fn erased(fetch: Fetch) -> LocalResource<Rc<dyn Any>> {
    LocalResource::new(fetch)
}
