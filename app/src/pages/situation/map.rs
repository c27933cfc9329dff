//! The map of Japan as a tile grid (`domain::japan`: one square per prefecture; why not shapes is
//! said there), shaded by the chosen indicator (this week's notifications per 100,000 population,
//! a sentinel disease's 定点当たり報告数 last week, or its 警報・注意報), with the same figures as a
//! table; choosing a prefecture lists its health-center areas the account oversees with their
//! figures, each a link to its curve.

use domain::i18n::{Lang, Text};
use domain::japan;
use domain::sentinel::{diseases_with_levels, IsoWeek, NATIONAL_THRESHOLDS};
use domain::situation::{shade, AreaList, MapIndicator, MapQuery, PrefectureFigure, SentinelFigure, SituationMap};
use leptos::prelude::*;

use super::texts;
use crate::api::CsvDownload;
use crate::api::{ApiFailure, Authed};
use crate::components::download::CsvLinks;
use crate::components::failure::FailureAlert;
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};
use crate::pages::sentinel::texts::alert_level;

/// The side of a tile, in the drawing's units.
const TILE: f64 = 30.0;

/// The map's choices: the indicator, and the sentinel disease its sentinel indicators are of.
#[derive(Debug, Clone, PartialEq)]
struct MapChoice {
    indicator: MapIndicator,
    sentinel_disease: String,
}

/// The map's query for the page's 全数 disease and the map's choices.
fn map_query(disease: Option<String>, choice: &MapChoice) -> MapQuery {
    MapQuery {
        date: None,
        disease,
        indicator: choice.indicator,
        sentinel_disease: choice.indicator.is_sentinel().then(|| choice.sentinel_disease.clone()),
    }
}

/// The map's figures and, below, the areas of the chosen prefecture.
#[component]
pub fn MapSection(client: Authed, disease: Signal<Option<String>>, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let choice = RwSignal::new(MapChoice { indicator: MapIndicator::Per100k, sentinel_disease: "influenza".into() });
    let query = Memo::new(move |_| map_query(disease.get(), &choice.get()));
    let map = LocalResource::new(move || {
        let query = query.get();
        async move { client.situation_map(&query).await }
    });
    view! {
        <section class="situation-map" aria-labelledby="map-title">
            <h2 id="map-title">{tr(texts::MAP_TITLE)}</h2>
            <MapChoices choice />
            {move || match map.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(map)) => view! { <TileMap map chosen /> }.into_any(),
            }}
            <AreaSection client query chosen />
        </section>
    }
}

/// The indicator and, for the sentinel ones, the disease (those with 警報・注意報 levels this week).
#[component]
fn MapChoices(choice: RwSignal<MapChoice>) -> impl IntoView {
    let lang = use_lang();
    let this_week = IsoWeek::containing(domain::jst::date_in_japan(time::OffsetDateTime::now_utc()));
    let indicators = MapIndicator::ALL
        .into_iter()
        .map(|indicator| {
            let selected = move || choice.get().indicator == indicator;
            view! { <option value=indicator.key() selected=selected>{tr(indicator.label())}</option> }
        })
        .collect_view();
    let diseases = diseases_with_levels(NATIONAL_THRESHOLDS, this_week)
        .into_iter()
        .map(|code| {
            let selected = move || choice.get().sentinel_disease == code;
            let name = move || texts::disease_name(code, Some(this_week)).get(lang.get()).to_owned();
            view! { <option value=code selected=selected>{name}</option> }
        })
        .collect_view();
    let on_indicator = move |event| {
        let value = event_target_value(&event);
        let indicator = MapIndicator::ALL.into_iter().find(|indicator| indicator.key() == value).unwrap_or_default();
        choice.update(|choice| choice.indicator = indicator);
    };
    let on_disease = move |event| choice.update(|choice| choice.sentinel_disease = event_target_value(&event));
    view! {
        <div class="curve-choices">
            <div class="field">
                <label class="field-label" for="map-indicator">{tr(texts::INDICATOR)}</label>
                <select id="map-indicator" class="select" on:change=on_indicator>{indicators}</select>
            </div>
            <div class="field" hidden=move || !choice.get().indicator.is_sentinel()>
                <label class="field-label" for="map-sentinel-disease">{tr(texts::SENTINEL_DISEASE)}</label>
                <select id="map-sentinel-disease" class="select" on:change=on_disease>{diseases}</select>
            </div>
        </div>
    }
}

/// A figure's value under the indicator, as the map's labels and table write it.
fn value_text(figure: &PrefectureFigure, indicator: MapIndicator, lang: Lang) -> String {
    let sentinel = figure.sentinel.clone().unwrap_or_default();
    match indicator {
        MapIndicator::Per100k => format!("{:.2}", figure.per_100k),
        MapIndicator::SentinelRate => format!("{:.2}", sentinel.rate),
        MapIndicator::AlertLevel => alert_level(sentinel.level()).get(lang).to_owned(),
    }
}

#[component]
fn TileMap(map: SituationMap, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let indicator = map.indicator;
    let highest = match indicator {
        MapIndicator::AlertLevel => 2.0,
        _ => map.prefectures.iter().map(|figure| figure.value(indicator)).fold(0.0, f64::max),
    };
    let layout = japan::prefectures();
    let tiles = layout
        .iter()
        .map(|prefecture| {
            let figure = map.prefectures.iter().find(|figure| figure.code == prefecture.code);
            let value = figure.map_or(0.0, |figure| figure.value(indicator));
            let (x, y) = (f64::from(prefecture.column) * TILE, f64::from(prefecture.row) * TILE);
            let code = prefecture.code.clone();
            let selected = {
                let code = code.clone();
                move || chosen.get().as_deref() == Some(code.as_str())
            };
            let short = prefecture.short_name().to_owned();
            let font = if short.chars().count() > 2 { 7.0 } else { 9.0 };
            let label = {
                let (name, figure) = (prefecture.name.clone(), figure.cloned());
                move || match &figure {
                    Some(figure) => format!("{name} {}", value_text(figure, indicator, lang.get())),
                    None => name.clone(),
                }
            };
            view! {
                <g
                    class=format!("tile shade-{}", shade(value, highest))
                    class:selected=selected
                    role="button"
                    tabindex="0"
                    aria-label=label
                    on:click={
                        let code = code.clone();
                        move |_| chosen.set(Some(code.clone()))
                    }
                    on:keydown=move |event| {
                        if event.key() == "Enter" || event.key() == " " {
                            chosen.set(Some(code.clone()));
                        }
                    }
                >
                    <rect
                        x=(x + 1.0).to_string()
                        y=(y + 1.0).to_string()
                        width=(TILE - 2.0).to_string()
                        height=(TILE - 2.0).to_string()
                        rx="3"
                    />
                    <text
                        x=(x + TILE / 2.0).to_string()
                        y=(y + TILE / 2.0 + 3.0).to_string()
                        text-anchor="middle"
                        font-size=font.to_string()
                    >
                        {short}
                    </text>
                </g>
            }
        })
        .collect_view();
    let (columns, rows) = japan::GRID;
    let shown_week = map.sentinel_week.clone().unwrap_or_else(|| map.week.clone());
    let week_text = move || {
        fill(
            texts::MAP_WEEK,
            lang.get(),
            &[
                ("year", &shown_week.year.to_string()),
                ("week", &shown_week.week.to_string()),
                ("starts", &shown_week.starts),
                ("ends", &shown_week.ends),
            ],
        )
    };
    let legend = match indicator {
        MapIndicator::AlertLevel => texts::LEVEL_LEGEND,
        _ => texts::SHADE_LEGEND,
    };
    let outside = map.outside_map;
    view! {
        <p>{tr(indicator.label())}" "{week_text}</p>
        <figure class="tile-map">
            <svg
                viewBox=format!("0 0 {} {}", f64::from(columns) * TILE, f64::from(rows) * TILE)
                role="group"
                aria-labelledby="map-title map-description"
            >
                <desc id="map-description">{tr(texts::MAP_DESCRIPTION)}</desc>
                {tiles}
            </svg>
            <figcaption class="field-support">{tr(legend)}</figcaption>
        </figure>
        {(outside > 0).then(|| view! { <p>{move || fill(texts::OUTSIDE_MAP, lang.get(), &[("n", &outside.to_string())])}</p> })}
        <PrefectureTable map chosen />
    }
}

/// The map's numbers: every prefecture with this week, the week before and the rate, and under a
/// sentinel indicator the sentinel disease's sites, cases, rate and areas at each level.
#[component]
fn PrefectureTable(map: SituationMap, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let file = CsvDownload::map(&map);
    let mut headings =
        vec![Some(texts::PREFECTURE), Some(texts::THIS_WEEK), Some(texts::PREVIOUS_WEEK), Some(texts::PER_100K)];
    let sentinel = map.indicator.is_sentinel();
    if sentinel {
        headings.extend(SENTINEL_HEADINGS.map(Some));
    }
    let rows = map
        .prefectures
        .into_iter()
        .map(|figure| {
            let code = figure.code.clone();
            let sentinel_cells =
                figure.sentinel.clone().filter(|_| sentinel).map(|figure| view! { <SentinelCells figure /> });
            view! {
                <tr>
                    <th scope="row">
                        <button type="button" class="link-button" on:click=move |_| chosen.set(Some(code.clone()))>
                            {figure.name}
                        </button>
                    </th>
                    <td class="number">{figure.count}</td>
                    <td class="number">{figure.previous_week}</td>
                    <td class="number">{format!("{:.2}", figure.per_100k)}</td>
                    {sentinel_cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="map-table">
            <summary>{tr(texts::MAP_TABLE_CAPTION)}</summary>
            <ScrollTable class="table figures" headings>{rows}</ScrollTable>
        </details>
        <CsvLinks file />
    }
}

/// The headings of a sentinel figure's cells.
const SENTINEL_HEADINGS: [Text; 5] =
    [texts::REPORTING_SITES, texts::SENTINEL_CASES, texts::PER_SITE, texts::WARNING_AREAS, texts::ADVISORY_AREAS];

/// A sentinel figure as table cells, in [`SENTINEL_HEADINGS`]' order.
#[component]
fn SentinelCells(figure: SentinelFigure) -> impl IntoView {
    view! {
        <td class="number">{figure.reporting_sites}</td>
        <td class="number">{figure.cases}</td>
        <td class="number">{format!("{:.2}", figure.rate)}</td>
        <td class="number">{figure.warning_areas}</td>
        <td class="number">{figure.advisory_areas}</td>
    }
}

/// The chosen prefecture's health-center areas that the account oversees.
#[component]
fn AreaSection(client: Authed, query: Memo<MapQuery>, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let areas = LocalResource::new(move || {
        let (prefecture, query) = (chosen.get(), query.get());
        async move {
            let result = client.situation_areas(prefecture?, &query).await;
            Some(result)
        }
    });
    view! {
        <section class="situation-areas" aria-live="polite">
            {move || match areas.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(None) => view! { <p>{tr(texts::CHOOSE_PREFECTURE)}</p> }.into_any(),
                Some(Some(Err(failure))) if is_not_visible(&failure) => {
                    view! { <p class="alert alert-info" role="status">{tr(texts::NO_AREAS)}</p> }.into_any()
                }
                Some(Some(Err(failure))) => view! { <FailureAlert failure /> }.into_any(),
                Some(Some(Ok(list))) => view! { <AreaLinks list /> }.into_any(),
            }}
        </section>
    }
}

fn prefecture_name(code: &str) -> String {
    japan::prefectures()
        .into_iter()
        .find(|prefecture| prefecture.code == code)
        .map_or_else(|| code.to_owned(), |p| p.name)
}

#[component]
fn AreaLinks(list: AreaList) -> impl IntoView {
    let lang = use_lang();
    // A prefecture outside the 47 (the demo's) is named by its 都道府県等.
    let name = list
        .areas
        .first()
        .filter(|_| japan::prefecture_code_of(&list.prefecture).is_none())
        .map_or_else(|| prefecture_name(&list.prefecture), |area| area.jurisdiction_name.clone());
    let sentinel_week = list.sentinel_week.as_ref().and_then(|week| IsoWeek::new(week.year, week.week));
    let sentinel_disease = list.sentinel_disease.clone().unwrap_or_default();
    let items = list
        .areas
        .into_iter()
        .map(|area| {
            let counts = move || {
                fill(
                    texts::AREA_COUNTS,
                    lang.get(),
                    &[("count", &area.count.to_string()), ("previous", &area.previous_week.to_string())],
                )
            };
            let sentinel = area.sentinel.map(|figure| {
                let disease = sentinel_disease.clone();
                move || {
                    let lang = lang.get();
                    fill(
                        texts::AREA_SENTINEL,
                        lang,
                        &[
                            ("disease", texts::disease_name(&disease, sentinel_week).get(lang)),
                            ("rate", &format!("{:.2}", figure.rate)),
                            ("level", alert_level(figure.level()).get(lang)),
                        ],
                    )
                }
            });
            view! {
                <li>
                    <a class="link" href=format!("/situation?health_center={}#curve-title", area.code)>{area.name}</a>
                    " "
                    <span class="area-counts">{counts}</span>
                    {sentinel.map(|text| view! { " " <span class="area-sentinel">{text}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3>{move || fill(texts::AREAS_TITLE, lang.get(), &[("prefecture", &name)])}</h3>
        <p class="field-support">{tr(texts::AREAS_HELP)}</p>
        <ul class="area-list">{items}</ul>
    }
}

/// A 404 from the situation views: an area outside the account's scope (or none at all).
pub fn is_not_visible(failure: &ApiFailure) -> bool {
    failure.code() == Some(domain::error::ErrorCode::NotFound)
}
