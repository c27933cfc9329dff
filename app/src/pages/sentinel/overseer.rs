//! `/sentinel` for health centers, 都道府県等 and national staff: this week's reporting of an area (who
//! reported, who is late, who is missing; a reminder to those not reported, confirmed first), the
//! areas in 警報 or 注意報, the aggregated table with its CSV, the area's season chart and its sites'
//! designations. The area is the health center's own, or the one a 都道府県等 or national account
//! chooses from the areas of its scope (`?health_center=`, kept in the address). The week is the one
//! owed now, or the one the address names (`?week=2025-W15`): a page pinned to a week shows that week
//! however long it stays open, across a Monday midnight.

use domain::api::{
    AggregateQuery, AreaLevel, AreaTable, ChartQuery, CsvEncoding, DueState, HealthCenterOverview, Organization,
    OverviewQuery, ReminderRequest, Role, SiteDesignations, SiteDueReport,
};
use domain::i18n::Lang;
use domain::jst::format_jst;
use domain::sentinel::due::{due_period, first_day_owed};
use domain::sentinel::{
    form, thresholds_in, AlertLevel, IsoWeek, ReportKind, ReportPeriod, FORMS, NATIONAL_THRESHOLDS,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

use super::chart::SeasonChart;
use super::{designation_text, disease_name, period_text, texts};
use crate::api::{ApiFailure, Authed};
use crate::auth::Session;
use crate::components::download::save_csv;
use crate::components::failure::FailureAlert;
use crate::components::page_title::PageTitle;
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};

/// The weekly forms whose diseases have alert levels (the respiratory, paediatric and ophthalmology
/// sentinels' reports; a.1).
const ALERT_FORMS: [ReportKind; 3] =
    [ReportKind::RespiratoryWeekly, ReportKind::PediatricWeekly, ReportKind::OphthalmologyWeekly];

fn today() -> time::Date {
    domain::jst::date_in_japan(time::OffsetDateTime::now_utc())
}

/// The day whose owed reports the page shows: the first day the pinned week is owed, or today.
fn as_of(pinned: Option<IsoWeek>) -> time::Date {
    pinned.map_or_else(today, first_day_owed)
}

/// This page's address for an area (`None`: none chosen) and the pinned week, if any.
fn page_href(health_center: Option<&str>, pinned: Option<IsoWeek>) -> String {
    let pairs: Vec<String> = health_center
        .map(|code| format!("health_center={code}"))
        .into_iter()
        .chain(pinned.map(|week| format!("week={week}")))
        .collect();
    if pairs.is_empty() {
        "/sentinel".to_owned()
    } else {
        format!("/sentinel?{}", pairs.join("&"))
    }
}

#[component]
pub fn OverseerPage(session: Session) -> impl IntoView {
    let address = use_query_map();
    let chosen = Memo::new(move |_| address.with(|query| query.get("health_center")).filter(|code| !code.is_empty()));
    let own = session.me.role == Role::HealthCenterStaff;
    // A health center's staff see their own area; others the one chosen.
    let area = Memo::new(move |_| if own { None } else { chosen.get() });
    let pinned = Memo::new(move |_| address.with(|query| query.get("week")).and_then(|week| week.parse().ok()));
    // The week just ended as of the page's day.
    let week = Memo::new(move |_| IsoWeek::containing(as_of(pinned.get())).previous());
    let client = session.client;
    let shown = Signal::derive(move || own || area.get().is_some());
    let level = if own { AreaLevel::HealthCenter } else { AreaLevel::Prefecture };
    let tables = alert_tables(client, week);
    view! {
        <PageTitle text=texts::HOME_TITLE />
        <h1>{tr(texts::HOME_TITLE)}</h1>
        <AreaAlerts tables week pinned />
        {(!own).then(|| view! { <AreaPicker tables chosen pinned /> })}
        <Show when=move || shown.get() fallback=|| view! { <p class="hint">{tr(texts::CHOOSE_AREA)}</p> }>
            {move || {
                let area = area.get();
                view! {
                    <Overview client area=area.clone() pinned=pinned.get() />
                    <ChartSection client area week=week.get() />
                }
            }}
        </Show>
        <TableSection client level national=session.me.role == Role::NationalStaff pinned />
    }
}

type AlertTables = LocalResource<Result<Vec<(ReportKind, AreaTable)>, ApiFailure>>;

/// The week's tables of every health-center area of the account's scope, for each form with alert
/// levels: the areas at 警報 or 注意報, and the areas to choose from.
fn alert_tables(client: Authed, week: Memo<IsoWeek>) -> AlertTables {
    LocalResource::new(move || {
        let week = ReportPeriod::Week(week.get());
        async move {
            let mut tables = Vec::new();
            for kind in ALERT_FORMS {
                let query = AggregateQuery {
                    kind,
                    period: week,
                    level: AreaLevel::HealthCenter,
                    encoding: CsvEncoding::Utf8,
                    cells: false,
                };
                tables.extend(client.sentinel_aggregates(&query).await?.into_iter().map(|table| (kind, table)));
            }
            Ok::<_, ApiFailure>(tables)
        }
    })
}

/// A 都道府県等's or national account's choice among the health-center areas of its scope.
#[component]
fn AreaPicker(tables: AlertTables, chosen: Memo<Option<String>>, pinned: Memo<Option<IsoWeek>>) -> impl IntoView {
    let navigate = use_navigate();
    let choose = move |ev| {
        let code = event_target_value(&ev);
        let path = page_href(Some(code.as_str()).filter(|code| !code.is_empty()), pinned.get_untracked());
        navigate(&path, Default::default());
    };
    let options = move || {
        let Some(Ok(tables)) = tables.get() else { return Vec::new() };
        let mut areas: Vec<Organization> = tables.into_iter().map(|(_, table)| table.area).collect();
        areas.sort_by(|a, b| a.code.cmp(&b.code));
        areas.dedup_by(|a, b| a.code == b.code);
        areas
            .into_iter()
            .map(|area| {
                let selected = chosen.get().as_deref() == Some(area.code.as_str());
                view! { <option value=area.code selected=selected>{area.name}</option> }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <label class="field area-picker">
            <span class="label">{tr(texts::HEALTH_CENTER)}</span>
            <select class="select" on:change=choose>
                <option value="" selected=move || chosen.get().is_none()>{tr(texts::CHOOSE)}</option>
                {options}
            </select>
        </label>
    }
}

/// Every health-center area of the account's scope at 警報 or 注意報 in the week, each a link to its
/// overview and chart.
#[component]
fn AreaAlerts(tables: AlertTables, week: Memo<IsoWeek>, pinned: Memo<Option<IsoWeek>>) -> impl IntoView {
    let lang = use_lang();
    let title = move || {
        fill(texts::ALERTS_TITLE, lang.get(), &[("week", &period_text(ReportPeriod::Week(week.get()), lang.get()))])
    };
    view! {
        <section aria-labelledby="alerts-title">
            <h2 id="alerts-title">{title}</h2>
            {move || match tables.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(tables)) => {
                    view! { <AlertTable tables week=ReportPeriod::Week(week.get()) pinned=pinned.get() /> }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn AlertTable(tables: Vec<(ReportKind, AreaTable)>, week: ReportPeriod, pinned: Option<IsoWeek>) -> impl IntoView {
    let lang = use_lang();
    let mut alerts: Vec<_> = tables
        .iter()
        .flat_map(|(kind, table)| table.alerts.iter().map(move |alert| (*kind, alert.clone())))
        .filter(|(_, alert)| alert.level != AlertLevel::None)
        .collect();
    alerts.sort_by(|a, b| b.1.level.cmp(&a.1.level).then_with(|| a.1.health_center.code.cmp(&b.1.health_center.code)));
    if alerts.is_empty() {
        return view! { <p class="hint">{tr(texts::ALERTS_NONE)}</p> }.into_any();
    }
    let rows = alerts
        .into_iter()
        .map(|(kind, alert)| {
            let href = page_href(Some(&alert.health_center.code), pinned);
            let level = alert.level;
            let disease = alert.disease.clone();
            view! {
                <tr class=format!("alert-{}", level_class(level))>
                    <th scope="row"><a class="link" href=href>{alert.health_center.name}</a></th>
                    <td>{move || disease_name(kind, week, &disease, lang.get())}</td>
                    <td><span class=format!("badge level-{}", level_class(level))>{tr(texts::alert_level(level))}</span></td>
                    <td class="number">{format!("{:.2}", alert.rate)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <ScrollTable
            class="table figures area-alerts"
            headings=vec![Some(texts::AREA), Some(texts::DISEASE), Some(texts::LEVEL), Some(texts::RATE)]
        >
            {rows}
        </ScrollTable>
    }
    .into_any()
}

/// The class suffix of a level (`level-warning`, `alert-warning` …).
pub fn level_class(level: AlertLevel) -> &'static str {
    match level {
        AlertLevel::Warning => "warning",
        AlertLevel::Advisory => "advisory",
        AlertLevel::None => "none",
    }
}

/// The area's week: every designated site's due reports, missing first, and the reminders.
#[component]
fn Overview(client: Authed, area: Option<String>, pinned: Option<IsoWeek>) -> impl IntoView {
    let lang = use_lang();
    let overview = LocalResource::new(move || {
        let query = OverviewQuery { health_center: area.clone(), week: pinned };
        async move { client.sentinel_overview(&query).await }
    });
    view! {
        <section aria-labelledby="overview-title">
            <h2 id="overview-title">{tr(texts::OVERVIEW_TITLE)}</h2>
            {move || match overview.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(overview)) => {
                    let heading = {
                        let overview = overview.clone();
                        move || {
                            let lang = lang.get();
                            fill(
                                texts::OVERVIEW_OF,
                                lang,
                                &[
                                    ("area", &overview.health_center.name),
                                    ("week", &period_text(overview.week, lang)),
                                    ("month", &period_text(overview.month, lang)),
                                ],
                            )
                        }
                    };
                    let designations = overview.designations.clone();
                    view! {
                        <p class="lead">{heading}</p>
                        <OverviewTable overview=overview.clone() />
                        <Reminders client overview />
                        <Designations sites=designations />
                    }
                    .into_any()
                }
            }}
        </section>
    }
}

fn not_reported_state(state: DueState) -> bool {
    matches!(state, DueState::Missing | DueState::Pending)
}

fn not_reported(row: &SiteDueReport) -> bool {
    not_reported_state(row.due.state)
}

/// The area's sites and their designations (type, from when until when).
#[component]
fn Designations(sites: Vec<SiteDesignations>) -> impl IntoView {
    let lang = use_lang();
    let rows = sites
        .into_iter()
        .map(|SiteDesignations { site, designations }| {
            let spans = move || {
                let lang = lang.get();
                designations
                    .iter()
                    .map(|designation| designation_text(designation, lang))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            view! { <tr><th scope="row">{site.name}</th><td>{spans}</td></tr> }
        })
        .collect_view();
    view! {
        <h3>{tr(texts::DESIGNATIONS)}</h3>
        <ScrollTable class="table sentinel-designations" headings=vec![Some(texts::SITE), Some(texts::DESIGNATIONS)]>
            {rows}
        </ScrollTable>
    }
}

#[component]
fn OverviewTable(overview: HealthCenterOverview) -> impl IntoView {
    let lang = use_lang();
    let late_or_missing = overview
        .reports
        .iter()
        .filter(|row| not_reported(row) || row.due.state == DueState::ReportedLate)
        .map(|row| {
            let (kind, period, state) = (row.due.kind, row.due.period, row.due.state);
            let site = row.site.name.clone();
            view! {
                <li>
                    <span class=format!("badge due-{state:?}").to_ascii_lowercase()>{tr(texts::due_state(state))}</span>
                    " "
                    <strong>{site}</strong>
                    " "
                    {move || format!("{} {}", form(kind).name.get(lang.get()), period_text(period, lang.get()))}
                </li>
            }
        })
        .collect::<Vec<_>>();
    let everyone_reported = late_or_missing.is_empty();
    let rows = overview
        .reports
        .into_iter()
        .map(|row| {
            let SiteDueReport { site, due, reminded_at } = row;
            let (kind, period, state) = (due.kind, due.period, due.state);
            let reminded = reminded_at.filter(|_| not_reported_state(state)).map(|at| {
                let at = format_jst(at);
                view! { " " <span class="reminded">{move || fill(texts::REMINDED_AT, lang.get(), &[("at", &at)])}</span> }
            });
            view! {
                <tr class=format!("due-row due-{state:?}").to_ascii_lowercase()>
                    <th scope="row">{site.name}</th>
                    <td>{move || form(kind).name.get(lang.get())}</td>
                    <td>{move || period_text(period, lang.get())}</td>
                    <td>{due.due_on.to_string()}</td>
                    <td><span class=format!("badge due-{state:?}").to_ascii_lowercase()>{tr(texts::due_state(state))}</span>{reminded}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h3>{tr(texts::NOT_REPORTED_TITLE)}</h3>
        {if everyone_reported {
            view! { <p class="hint">{tr(texts::ALL_REPORTED)}</p> }.into_any()
        } else {
            view! { <ul class="late-or-missing">{late_or_missing}</ul> }.into_any()
        }}
        <ScrollTable
            class="table figures sentinel-overview"
            headings=vec![Some(texts::SITE), Some(texts::FORM), Some(texts::PERIOD), Some(texts::DUE_ON), Some(texts::STATE)]
        >
            {rows}
        </ScrollTable>
    }
}

/// One button per form and period some site has not reported nor been reminded of; each asks before
/// sending. Where every site not reported was reminded, when.
#[component]
fn Reminders(client: Authed, overview: HealthCenterOverview) -> impl IntoView {
    let lang = use_lang();
    // (form, period, sites not reminded yet, the last reminder)
    let mut owed: Vec<(ReportKind, ReportPeriod, usize, Option<time::OffsetDateTime>)> = Vec::new();
    for row in overview.reports.iter().filter(|row| not_reported(row)) {
        let index = match owed.iter().position(|(kind, period, ..)| *kind == row.due.kind && *period == row.due.period)
        {
            Some(index) => index,
            None => {
                owed.push((row.due.kind, row.due.period, 0, None));
                owed.len() - 1
            }
        };
        let entry = &mut owed[index];
        match row.reminded_at {
            None => entry.2 += 1,
            Some(at) => entry.3 = entry.3.max(Some(at)),
        }
    }
    owed.into_iter()
        .map(|(kind, period, sites, last)| match (sites, last) {
            (0, Some(at)) => {
                let at = format_jst(at);
                let text = move || {
                    let mut words: Vec<(&str, String)> = reminder_words(kind, period, lang.get()).into();
                    words.push(("at", at.clone()));
                    let pairs: Vec<(&str, &str)> = words.iter().map(|(name, value)| (*name, value.as_str())).collect();
                    fill(texts::ALL_REMINDED, lang.get(), &pairs)
                };
                view! { <p class="hint sentinel-reminded">{text}</p> }.into_any()
            }
            _ => view! { <Reminder client kind period sites /> }.into_any(),
        })
        .collect_view()
}

fn reminder_words(kind: ReportKind, period: ReportPeriod, lang: Lang) -> [(&'static str, String); 2] {
    [("form", form(kind).name.get(lang).to_owned()), ("period", period_text(period, lang))]
}

#[component]
fn Reminder(client: Authed, kind: ReportKind, period: ReportPeriod, sites: usize) -> impl IntoView {
    let lang = use_lang();
    let asking = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Result<domain::api::RemindersQueued, ApiFailure>>);
    let fill_words = move |text, extra: Option<(&'static str, String)>| {
        let lang = lang.get();
        let mut words: Vec<(&str, String)> = reminder_words(kind, period, lang).into();
        words.extend(extra);
        let pairs: Vec<(&str, &str)> = words.iter().map(|(name, value)| (*name, value.as_str())).collect();
        fill(text, lang, &pairs)
    };
    let confirm = move |_| {
        sending.set(true);
        spawn_local(async move {
            let result = client.send_sentinel_reminders(&ReminderRequest { kind, period }).await;
            sending.set(false);
            asking.set(false);
            outcome.set(Some(result));
        });
    };
    view! {
        <div class="sentinel-reminder">
            <button type="button" class="button button-secondary" on:click=move |_| asking.set(true)>
                {move || fill_words(texts::REMIND, None)}
            </button>
            <Show when=move || asking.get()>
                <div class="confirm" role="alertdialog" aria-labelledby=format!("remind-{}-{period}", kind.code())>
                    <p id=format!("remind-{}-{period}", kind.code()) class="confirm-question">
                        {move || fill_words(texts::CONFIRM_REMIND, Some(("n", sites.to_string())))}
                    </p>
                    <div class="filters-actions">
                        <button type="button" class="button button-primary" disabled=move || sending.get() on:click=confirm>
                            {move || if sending.get() { ui::SENDING.get(lang.get()) } else { texts::CONFIRM.get(lang.get()) }}
                        </button>
                        <button type="button" class="button button-text" on:click=move |_| asking.set(false)>
                            {tr(texts::CANCEL)}
                        </button>
                    </div>
                </div>
            </Show>
            {move || outcome.get().map(|outcome| match outcome {
                Ok(queued) => {
                    let unreachable: Vec<String> = queued.unreachable.iter().map(|site: &Organization| site.name.clone()).collect();
                    let reminded: Vec<String> = queued
                        .already_reminded
                        .iter()
                        .map(|reminded| format!("{}（{}）", reminded.site.name, format_jst(reminded.reminded_at)))
                        .collect();
                    view! {
                        <p class="alert alert-success" role="status">
                            {move || fill(texts::REMINDED, lang.get(), &[("n", &queued.queued.to_string())])}
                        </p>
                        {(!reminded.is_empty()).then(|| {
                            let sites = reminded.join("、");
                            view! { <p class="hint">{move || fill(texts::ALREADY_REMINDED, lang.get(), &[("sites", &sites)])}</p> }
                        })}
                        {(!unreachable.is_empty()).then(|| {
                            let sites = unreachable.join("、");
                            view! { <p class="hint">{move || fill(texts::UNREACHABLE, lang.get(), &[("sites", &sites)])}</p> }
                        })}
                    }
                    .into_any()
                }
                Err(failure) => view! { <FailureAlert failure /> }.into_any(),
            })}
        </div>
    }
}

/// The aggregated table of a form and period, by health center, 都道府県等 or the nation, and its CSV.
#[component]
fn TableSection(client: Authed, level: AreaLevel, national: bool, pinned: Memo<Option<IsoWeek>>) -> impl IntoView {
    let lang = use_lang();
    let kind = RwSignal::new(ReportKind::RespiratoryWeekly);
    let level = RwSignal::new(level);
    let period = Memo::new(move |_| due_period(form(kind.get()).frequency, as_of(pinned.get())));
    let query = Memo::new(move |_| AggregateQuery {
        kind: kind.get(),
        period: period.get(),
        level: level.get(),
        encoding: CsvEncoding::Utf8,
        cells: true,
    });
    let tables = LocalResource::new(move || {
        let query = query.get();
        async move { client.sentinel_aggregates(&query).await }
    });
    let csv_failure = RwSignal::new(None::<ApiFailure>);
    let download = move |encoding: CsvEncoding| {
        move |_| {
            let query = AggregateQuery { encoding, ..query.get_untracked() };
            spawn_local(async move {
                match client.sentinel_aggregates_csv(&query).await {
                    Ok(bytes) => {
                        csv_failure.set(None);
                        let name =
                            format!("sentinel-{}-{}-{}.csv", query.kind.code(), query.period, level_code(query.level));
                        save_csv(&bytes, &name);
                    }
                    Err(failure) => csv_failure.set(Some(failure)),
                }
            });
        }
    };
    let kinds = FORMS
        .iter()
        .map(|entry| {
            let code = entry.kind.code();
            view! { <option value=code selected=move || kind.get() == entry.kind>{move || entry.name.get(lang.get())}</option> }
        })
        .collect_view();
    let mut levels = vec![(AreaLevel::HealthCenter, texts::BY_HEALTH_CENTER, "health_center")];
    if level.get_untracked() != AreaLevel::HealthCenter {
        levels.push((AreaLevel::Prefecture, texts::BY_PREFECTURE, "prefecture"));
    }
    if national {
        levels.push((AreaLevel::National, texts::NATIONAL, "national"));
    }
    let level_options = levels
        .iter()
        .map(|(value, text, code)| {
            let value = *value;
            view! { <option value=*code selected=move || level.get() == value>{tr(*text)}</option> }
        })
        .collect_view();
    let choose_level = move |ev| {
        let code = event_target_value(&ev);
        if let Some((value, _, _)) = levels.iter().find(|(_, _, known)| *known == code) {
            level.set(*value);
        }
    };
    view! {
        <section aria-labelledby="table-title">
            <h2 id="table-title">{tr(texts::TABLE_TITLE)}</h2>
            <div class="curve-choices">
                <label class="field">
                    <span class="label">{tr(texts::FORM)}</span>
                    <select class="select" on:change=move |ev| {
                        if let Some(chosen) = ReportKind::from_code(&event_target_value(&ev)) {
                            kind.set(chosen);
                        }
                    }>{kinds}</select>
                </label>
                <label class="field">
                    <span class="label">{tr(texts::LEVEL_CHOICE)}</span>
                    <select class="select" on:change=choose_level>{level_options}</select>
                </label>
            </div>
            <p>{move || period_text(period.get(), lang.get())}</p>
            <p class="actions no-print">
                <button type="button" class="button button-secondary" on:click=download(CsvEncoding::Utf8)>{tr(texts::CSV_UTF8)}</button>
                " "
                <button type="button" class="button button-secondary" on:click=download(CsvEncoding::ShiftJis)>{tr(texts::CSV_SJIS)}</button>
            </p>
            {move || csv_failure.get().map(|failure| view! { <FailureAlert failure /> })}
            {move || match tables.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(tables)) if tables.is_empty() => view! { <p class="hint">{tr(texts::NO_TABLE)}</p> }.into_any(),
                Some(Ok(tables)) => {
                    let query = query.get_untracked();
                    view! { <RatesTable tables kind=query.kind period=query.period /> }.into_any()
                }
            }}
        </section>
    }
}

fn level_code(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::HealthCenter => "health_center",
        AreaLevel::Prefecture => "prefecture",
        AreaLevel::National => "national",
    }
}

/// One row per area: its sites, those that reported, and each disease's cases and rate.
#[component]
fn RatesTable(tables: Vec<AreaTable>, kind: ReportKind, period: ReportPeriod) -> impl IntoView {
    let lang = use_lang();
    let diseases: Vec<&'static str> = form(kind)
        .version_on(period.first_day())
        .map(|version| version.diseases.iter().map(|disease| disease.code).collect())
        .unwrap_or_default();
    let disease_headings = diseases
        .iter()
        .map(|code| {
            let code = *code;
            view! {
                <th scope="col">{move || disease_name(kind, period, code, lang.get())}" "{tr(texts::CASES)}</th>
                <th scope="col">{move || disease_name(kind, period, code, lang.get())}" "{tr(texts::RATE)}</th>
            }
        })
        .collect_view();
    let rows = tables
        .into_iter()
        .map(|table| {
            let figures = diseases
                .iter()
                .map(|code| {
                    let rate = table.rates.iter().find(|rate| rate.disease == *code);
                    let cases = rate.map_or(0, |rate| rate.cases);
                    let per_site = rate.map(|rate| format!("{:.2}", rate.rate)).unwrap_or_default();
                    view! { <td class="number">{cases}</td><td class="number">{per_site}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{table.area.name}</th>
                    <td class="number">{table.designated_sites}</td>
                    <td class="number">{table.reporting_sites}</td>
                    {figures}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="table figures sentinel-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(texts::AREA)}</th>
                        <th scope="col">{tr(texts::DESIGNATED)}</th>
                        <th scope="col">{tr(texts::REPORTING)}</th>
                        {disease_headings}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// The area's season chart of a disease of a weekly form with alert levels.
#[component]
fn ChartSection(client: Authed, area: Option<String>, week: IsoWeek) -> impl IntoView {
    let lang = use_lang();
    let chosen = RwSignal::new((ReportKind::RespiratoryWeekly, "influenza".to_owned()));
    let chart = LocalResource::new(move || {
        let (kind, disease) = chosen.get();
        let health_center = area.clone();
        async move { client.sentinel_chart(&ChartQuery { health_center, kind, disease }).await }
    });
    let options = ALERT_FORMS
        .iter()
        .filter_map(|kind| form(*kind).version_on(week.monday()).map(|version| (*kind, version)))
        .flat_map(|(kind, version)| version.diseases.iter().map(move |disease| (kind, disease)))
        .filter(|(_, disease)| thresholds_in(NATIONAL_THRESHOLDS, disease.code, week).is_some())
        .map(|(kind, disease)| {
            let value = format!("{}:{}", kind.code(), disease.code);
            let selected = move || chosen.with(|(k, d)| *k == kind && d == disease.code);
            view! { <option value=value selected=selected>{move || disease.name.get(lang.get())}</option> }
        })
        .collect_view();
    let choose = move |ev| {
        let value = event_target_value(&ev);
        if let Some((kind, disease)) = value.split_once(':') {
            if let Some(kind) = ReportKind::from_code(kind) {
                chosen.set((kind, disease.to_owned()));
            }
        }
    };
    view! {
        <section aria-labelledby="chart-title">
            <h2 id="chart-title">{tr(texts::CHART_TITLE)}</h2>
            <label class="field">
                <span class="label">{tr(texts::CHART_DISEASE)}</span>
                <select class="select" on:change=choose>{options}</select>
            </label>
            {move || match chart.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(chart)) => view! { <SeasonChart chart /> }.into_any(),
            }}
        </section>
    }
}
