//! CSV export: only with the download flag (else a typed 403), UTF-8 with BOM and Shift_JIS
//! (Windows-31J) decoded back to what was filed, a stable header, the 〓 fallback with its note column,
//! and the audit of every export (P-2).

use reqwest::StatusCode;
use uuid::Uuid;

use crate::on_both_databases;
use crate::support::{animal_report_submission, expect_error, measles_submission, Api, User};

on_both_databases!(
    exports_decode_back_to_what_was_filed_in_both_encodings,
    without_the_download_flag_an_export_is_refused_and_audited,
    a_health_center_exports_its_animal_reports,
);

/// The leading columns, written out: changing them breaks every spreadsheet built on the export.
const LEADING: [&str; 13] = [
    "receipt_number",
    "received_at",
    "disease",
    "disease_name",
    "animal_report",
    "status",
    "revision",
    "institution_code",
    "institution_name",
    "routed_health_center_code",
    "health_center_code",
    "health_center_name",
    "filed_by",
];

/// 𠮟 (JIS X 0213 level 3) is beyond Windows-31J, 﨑 is not; 〜 is the JIS form of Windows' ～; the comma
/// and the quotes need CSV quoting.
const NAME: &str = "𠮟田 﨑子";
const ADDRESS: &str = "デモ県北町1〜2, \"北\"荘";

async fn file_measles(doctor: &User) -> String {
    let mut body = measles_submission();
    body["answers"]["patient_name"] = NAME.into();
    body["answers"]["patient_address"] = ADDRESS.into();
    let response = doctor.put_json(&format!("/notifications/{}", Uuid::new_v4()), &body).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json::<domain::api::Receipt>().await.unwrap().receipt_number
}

async fn download(user: &User, query: &str) -> (String, Vec<u8>) {
    let response = user.get(&format!("/notifications/export?{query}")).await;
    assert_eq!(response.status(), StatusCode::OK, "{query}");
    let content_type = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(response.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename=\"todoke-"));
    (content_type, response.bytes().await.unwrap().to_vec())
}

fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader.records().map(|record| record.unwrap().iter().map(str::to_owned).collect()).collect();
    (header, rows)
}

fn column<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let index = header.iter().position(|column| column == name).unwrap_or_else(|| panic!("no column {name}"));
    &row[index]
}

fn expected_header(form: &domain::forms::FormDefinition) -> Vec<String> {
    LEADING
        .into_iter()
        .chain(form.fields().map(|field| field.id))
        .chain(["replaced_characters"])
        .map(String::from)
        .collect()
}

async fn exports_decode_back_to_what_was_filed_in_both_encodings(api: Api) {
    let receipt_number = file_measles(&api.login("doctor1").await).await;
    let staff = api.login("hc-north").await;
    let measles_form = domain::diseases::find("measles").unwrap().form.definition();

    let (content_type, bytes) = download(&staff, "disease=measles").await;
    assert_eq!(content_type, "text/csv; charset=utf-8");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.contains("\r\n"), "CRLF line ends");
    let (header, rows) = parse(text);
    assert_eq!(header, expected_header(measles_form));
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(column(&header, row, "receipt_number"), receipt_number);
    assert_eq!(column(&header, row, "patient_name"), NAME);
    assert_eq!(column(&header, row, "patient_address"), ADDRESS);
    assert_eq!(column(&header, row, "patient_sex"), "男", "choices as their Japanese label");
    assert_eq!(column(&header, row, "disease_name"), "麻しん");
    assert_eq!(column(&header, row, "health_center_name"), "デモ県北保健所");
    assert_eq!(column(&header, row, "replaced_characters"), "");

    let (content_type, bytes) = download(&staff, "disease=measles&encoding=shift_jis").await;
    assert_eq!(content_type, "text/csv; charset=Shift_JIS");
    let (decoded, _, had_errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(!had_errors && !decoded.starts_with('\u{FEFF}'), "plain Windows-31J, no BOM");
    let (sjis_header, sjis_rows) = parse(&decoded);
    assert_eq!(sjis_header, header, "the same header in both encodings");
    let sjis_row = &sjis_rows[0];
    assert_eq!(column(&header, sjis_row, "patient_name"), "〓田 﨑子", "𠮟 replaced, 﨑 kept");
    assert_eq!(column(&header, sjis_row, "patient_address"), "デモ県北町1～2, \"北\"荘", "〜 as Windows' ～");
    assert_eq!(column(&header, sjis_row, "replaced_characters"), "patient_name:U+20B9F");
    // Every other cell is the same as in UTF-8.
    for (name, (utf8, sjis)) in header.iter().zip(row.iter().zip(sjis_row)) {
        if !["patient_name", "patient_address", "replaced_characters"].contains(&name.as_str()) {
            assert_eq!(utf8, sjis, "{name}");
        }
    }

    let audit = api.audit_log().await;
    let exports = audit
        .iter()
        .filter(|(actor, action, _)| actor.as_deref() == Some("hc-north") && action.starts_with("export_notification"));
    let exports: Vec<_> = exports.map(|(_, action, outcome)| (action.as_str(), outcome.as_str())).collect();
    let one_export = [("export_notifications", "success"), ("export_notification", "success")];
    assert_eq!(exports, [one_export, one_export].concat(), "each export and each notification in it");
}

async fn without_the_download_flag_an_export_is_refused_and_audited(api: Api) {
    file_measles(&api.login("doctor2").await).await;
    for user_id in ["hc-south", "doctor2", "national"] {
        let user = api.login(user_id).await;
        for encoding in ["utf8", "shift_jis"] {
            let response = user.get(&format!("/notifications/export?disease=measles&encoding={encoding}")).await;
            expect_error(response, StatusCode::FORBIDDEN, "download_not_permitted").await;
        }
    }
    let audit = api.audit_log().await;
    let denied = audit.iter().filter(|(_, action, outcome)| action == "export_notifications" && outcome == "denied");
    assert_eq!(denied.count(), 6);
    assert!(!audit.iter().any(|(_, action, outcome)| action.starts_with("export") && outcome == "success"));

    // With the flag: デモ県 exports its health centers' notifications; an unknown disease is a typed 422.
    let prefecture = api.login("pref-demo").await;
    let (_, bytes) = download(&prefecture, "disease=measles").await;
    let (_, rows) = parse(std::str::from_utf8(&bytes[3..]).unwrap());
    assert_eq!(rows.len(), 1);
    let unknown = prefecture.get("/notifications/export?disease=nonesuch").await;
    expect_error(unknown, StatusCode::UNPROCESSABLE_ENTITY, "unknown_disease").await;
    let without_disease = prefecture.get("/notifications/export?encoding=shift_jis").await;
    expect_error(without_disease, StatusCode::BAD_REQUEST, "malformed_request").await;
}

async fn a_health_center_exports_its_animal_reports(api: Api) {
    let vet = api.login("vet1").await;
    let response = vet.put_json(&format!("/notifications/{}", Uuid::new_v4()), &animal_report_submission()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    file_measles(&api.login("doctor1").await).await;
    let staff = api.login("hc-north").await;
    let (_, bytes) = download(&staff, "disease=ebola&animal_report=ebola_monkey").await;
    let (header, rows) = parse(std::str::from_utf8(&bytes[3..]).unwrap());
    let animal_form = domain::animal_reports::find("ebola_monkey").unwrap().form.definition();
    assert_eq!(header, expected_header(animal_form));
    assert_eq!(rows.len(), 1, "only the animal report, not the measles case");
    assert_eq!(column(&header, &rows[0], "animal_report"), "ebola_monkey");
    assert_eq!(column(&header, &rows[0], "animal_species"), "カニクイザル");
    assert_eq!(column(&header, &rows[0], "institution_name"), "北町どうぶつ病院");
    let (_, human) = download(&staff, "disease=ebola").await;
    assert_eq!(parse(std::str::from_utf8(&human[3..]).unwrap()).1.len(), 0, "no human ebola case was filed");
}
