//! 疑似症サーベイランス (issue 15): a designated institution files each patient at once (`routes::file`),
//! routed to the health center responsible for it, which sees it first in its list and accepts or
//! returns it. The report's rules and the workflow are `domain::syndromic`'s; who may do what is
//! `access`'s.

pub mod routes;
