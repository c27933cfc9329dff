//! A countdown in whole seconds for "try again in n seconds" (a 429 answer's `retry_after_seconds`).
//! It follows the clock, not the ticks, so a phone that slept while waiting shows the right time.

use std::time::Duration;

use leptos::prelude::*;

/// Seconds left before something may be tried again; 0 when it may be tried now.
#[derive(Debug, Clone, Copy)]
pub struct Countdown {
    remaining: RwSignal<u64>,
    until_ms: StoredValue<f64>,
    timer: StoredValue<Option<IntervalHandle>>,
}

fn now_ms() -> f64 {
    web_sys::js_sys::Date::now()
}

impl Countdown {
    /// A stopped countdown, whose timer ends with the component that made it.
    pub fn new() -> Self {
        let countdown =
            Self { remaining: RwSignal::new(0), until_ms: StoredValue::new(0.0), timer: StoredValue::new(None) };
        on_cleanup(move || countdown.stop());
        countdown
    }

    /// Starts counting down from `seconds` (restarting if it was running).
    pub fn start(self, seconds: u64) {
        self.stop();
        self.until_ms.set_value(now_ms() + Duration::from_secs(seconds).as_secs_f64() * 1000.0);
        self.remaining.set(seconds);
        if seconds > 0 {
            let timer = set_interval_with_handle(move || self.tick(), Duration::from_millis(250)).ok();
            self.timer.set_value(timer);
        }
    }

    /// Starts counting down when `seconds` is given (from an answer that may carry it).
    pub fn start_if(self, seconds: Option<u64>) {
        if let Some(seconds) = seconds {
            self.start(seconds);
        }
    }

    fn tick(self) {
        let Some(until) = self.until_ms.try_get_value() else {
            return;
        };
        let left =
            Duration::try_from_secs_f64(((until - now_ms()) / 1000.0).max(0.0).ceil()).map_or(0, |left| left.as_secs());
        if self.remaining.try_get_untracked() != Some(left) {
            self.remaining.try_set(left);
        }
        if left == 0 {
            self.stop();
        }
    }

    fn stop(self) {
        if let Some(Some(timer)) = self.timer.try_get_value() {
            timer.clear();
        }
        let _ = self.timer.try_set_value(None);
    }

    /// Seconds left (tracked).
    pub fn seconds(self) -> u64 {
        self.remaining.get()
    }

    /// Whether the wait is still running (tracked).
    pub fn is_running(self) -> bool {
        self.remaining.get() > 0
    }
}
