//! Pieces shared by several pages: the site header, the document title, messages, the one-time code
//! input, the countdown after a 429, a file download, the print button, the frame of SVG charts, a user manager's request, a table of records, a radio choice, the input of a current password, the free-text box of notes and reasons, the maintenance banner, a choice of organizations by name. Anything used by one feature lives in `crate::pages`.

pub mod account_request;
pub mod choice;
pub mod code_field;
pub mod code_step;
pub mod countdown;
pub mod download;
pub mod failure;
pub mod flash;
pub mod header;
pub mod maintenance;
pub mod multiline_input;
pub mod organization_choice;
pub mod page_title;
pub mod passkey_alert;
pub mod password_input;
pub mod print;
pub mod svg_chart;
pub mod table;
