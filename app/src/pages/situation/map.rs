//! The map of Japan as a tile grid (`domain::japan`: one square per prefecture; why not shapes is
//! said there), shaded by this week's notifications per 100,000 population, with the same figures
//! as a table; choosing a prefecture lists its health-center areas the account oversees, each a
//! link to its curve.

use domain::japan;
use domain::situation::{shade, AreaList, SituationMap};
use leptos::prelude::*;

use super::texts;
use crate::api::{ApiFailure, Authed};
use crate::components::failure::FailureAlert;
use crate::components::table::ScrollTable;
use crate::i18n::{fill, tr, ui, use_lang};

/// The side of a tile, in the drawing's units.
const TILE: f64 = 30.0;

/// The map's figures and, below, the areas of the chosen prefecture.
#[component]
pub fn MapSection(client: Authed, disease: Signal<Option<String>>, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let map = LocalResource::new(move || {
        let disease = disease.get();
        async move { client.situation_map(disease).await }
    });
    view! {
        <section class="situation-map" aria-labelledby="map-title">
            <h2 id="map-title">{tr(texts::MAP_TITLE)}</h2>
            {move || match map.get() {
                None => view! { <p class="status" role="status">{tr(ui::LOADING)}</p> }.into_any(),
                Some(Err(failure)) => view! { <FailureAlert failure /> }.into_any(),
                Some(Ok(map)) => view! { <TileMap map chosen /> }.into_any(),
            }}
            <AreaSection client disease chosen />
        </section>
    }
}

#[component]
fn TileMap(map: SituationMap, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let lang = use_lang();
    let highest = map.prefectures.iter().map(|figure| figure.per_100k).fold(0.0, f64::max);
    let layout = japan::prefectures();
    let tiles = layout
        .iter()
        .map(|prefecture| {
            let figure = map.prefectures.iter().find(|figure| figure.code == prefecture.code);
            let rate = figure.map_or(0.0, |figure| figure.per_100k);
            let count = figure.map_or(0, |figure| figure.count);
            let (x, y) = (f64::from(prefecture.column) * TILE, f64::from(prefecture.row) * TILE);
            let code = prefecture.code.clone();
            let selected = {
                let code = code.clone();
                move || chosen.get().as_deref() == Some(code.as_str())
            };
            let short = prefecture.short_name().to_owned();
            let font = if short.chars().count() > 2 { 7.0 } else { 9.0 };
            let label = format!("{} {count}", prefecture.name);
            view! {
                <g
                    class=format!("tile shade-{}", shade(rate, highest))
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
    let week = map.week.clone();
    let week_text = move || {
        fill(
            texts::MAP_WEEK,
            lang.get(),
            &[
                ("year", &week.year.to_string()),
                ("week", &week.week.to_string()),
                ("starts", &week.starts),
                ("ends", &week.ends),
            ],
        )
    };
    let outside = map.outside_map;
    view! {
        <p>{week_text}</p>
        <figure class="tile-map">
            <svg
                viewBox=format!("0 0 {} {}", f64::from(columns) * TILE, f64::from(rows) * TILE)
                role="group"
                aria-labelledby="map-title map-description"
            >
                <desc id="map-description">{tr(texts::MAP_DESCRIPTION)}</desc>
                {tiles}
            </svg>
            <figcaption class="field-support">{tr(texts::SHADE_LEGEND)}</figcaption>
        </figure>
        {(outside > 0).then(|| view! { <p>{move || fill(texts::OUTSIDE_MAP, lang.get(), &[("n", &outside.to_string())])}</p> })}
        <PrefectureTable map chosen />
    }
}

/// The map's numbers: every prefecture with this week, the week before and the rate.
#[component]
fn PrefectureTable(map: SituationMap, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let headings =
        vec![Some(texts::PREFECTURE), Some(texts::THIS_WEEK), Some(texts::PREVIOUS_WEEK), Some(texts::PER_100K)];
    let rows = map
        .prefectures
        .into_iter()
        .map(|figure| {
            let code = figure.code.clone();
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
                </tr>
            }
        })
        .collect_view();
    view! {
        <details class="map-table">
            <summary>{tr(texts::MAP_TABLE_CAPTION)}</summary>
            <ScrollTable class="table figures" headings>{rows}</ScrollTable>
        </details>
    }
}

/// The chosen prefecture's health-center areas that the account oversees.
#[component]
fn AreaSection(client: Authed, disease: Signal<Option<String>>, chosen: RwSignal<Option<String>>) -> impl IntoView {
    let areas = LocalResource::new(move || {
        let (prefecture, disease) = (chosen.get(), disease.get());
        async move {
            let result = client.situation_areas(prefecture?, disease).await;
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
            view! {
                <li>
                    <a class="link" href=format!("/situation?health_center={}#curve-title", area.code)>{area.name}</a>
                    " "
                    <span class="area-counts">{counts}</span>
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
