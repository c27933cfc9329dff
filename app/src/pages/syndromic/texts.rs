//! The 疑似症 screens' texts, in Japanese and English.

use domain::i18n::Text;

pub const REPORT_TITLE: Text = Text::new("疑似症報告", "Syndromic reporting");
pub const FORM_INTRO: Text = Text::new(
    "発熱、呼吸器症状、発しん、消化器症状又は神経症状その他感染症を疑わせる症状があり、集中治療その他これに準ずるものが必要で、直ちに特定の感染症と診断できない患者を、直ちに報告してください。",
    "Report at once a patient with fever, respiratory, rash, gastrointestinal, neurological or other symptoms suggesting an infection who needs intensive care or its equivalent and cannot at once be diagnosed with a specific infection.",
);
pub const FILE_LINK: Text = Text::new("疑似症を報告する", "Report a syndromic case");
pub const SYMPTOMS: Text = Text::new("症状（あてはまるものすべて）", "Symptoms (all that apply)");
pub const AGE_BAND: Text = Text::new("年齢区分", "Age band");
pub const SEX: Text = Text::new("性別", "Sex");
pub const ONSET: Text = Text::new("発病日（分かれば）", "Onset (if known)");
pub const DIAGNOSED: Text = Text::new("診断日", "Date of diagnosis");
pub const INTENSIVE_CARE: Text = Text::new("必要な治療", "Care needed");
pub const NOTE: Text = Text::new("備考（渡航歴・接触歴など）", "Note (travel, contacts …)");
pub const SEND: Text = Text::new("送信する", "Send");
pub const QUEUED: Text = Text::new(
    "疑似症報告を端末に保存しました。接続が戻ると送信されます。",
    "The report is kept on this device and is sent when the connection returns.",
);
pub const PROBLEMS: Text = Text::new("入力内容を確認してください。", "Please check the entries.");
pub const INBOX_TITLE: Text = Text::new("疑似症報告", "Syndromic reporting");
pub const OWN_TITLE: Text = Text::new("提出済みの疑似症報告", "Syndromic reports filed");
pub const NONE: Text = Text::new("疑似症報告はありません。", "No syndromic report.");
pub const RECEIVED_AT: Text = Text::new("受付", "Received");
pub const RETURNED_NOTE: Text = Text::new(
    "差し戻された報告は、内容を直して新しい報告として提出してください。",
    "File a returned report again, corrected, as a new report.",
);
pub const CONFIRM_ACCEPT: Text = Text::new("この疑似症報告を受理しますか？", "Accept this syndromic report?");
