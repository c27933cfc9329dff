//! Aberration alarms (issue 15): the detection run over every series of disease × health-center area
//! ([`run`]), which also withdraws and reopens alarms (their history lines: [`history`]), the mails
//! that tell a health center of its new alarms ([`mail`]) and the routes that list, show and mark them
//! ([`routes`]). The methods are the `aberration` crate's; which runs on
//! which disease is `domain::alarms::configuration`.

pub mod history;
pub mod mail;
pub mod routes;
pub mod run;
