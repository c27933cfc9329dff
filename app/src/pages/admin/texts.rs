//! The words of the operators' screens (issue 20): navigation, staff issuance, institutions missing
//! from the master, the audit viewer and the security view.

use domain::i18n::Text;

pub const NAV_LABEL: Text = Text::new("管理メニュー", "Administration menu");
pub const NAV_ACCOUNTS: Text = Text::new("アカウント管理", "Account administration");
pub const NAV_STAFF: Text = Text::new("職員アカウントの発行", "Issue staff accounts");
pub const NAV_INSTITUTION: Text =
    Text::new("未登録の医療機関等の登録", "Register an institution missing from the master");
pub const NAV_AUDIT: Text = Text::new("監査ログ", "Audit log");
pub const NAV_SECURITY: Text = Text::new("セキュリティ", "Security");
pub const NAV_MASTERS: Text = Text::new("マスタ管理", "Masters");

pub const STAFF_TITLE: Text = Text::new("職員アカウントの発行", "Issue staff accounts");
pub const STAFF_HELP: Text = Text::new(
    "発行できるのは、あなたの権限の一つ下の役割だけです。発行すると各利用者にアカウント通知メールが送られ、初期パスワードの一覧を一度だけ保存できます。1件でも誤りがあれば、何も発行されません。",
    "You issue only the roles one rank below yours. Each user is sent an account letter, and the initial passwords can be saved once. If any row is wrong, nothing is issued.",
);
pub const STAFF_ROLE: Text = Text::new("役割", "Role");
pub const STAFF_PREFECTURE: Text = Text::new("都道府県等コード", "Prefecture or city code");
pub const STAFF_HEALTH_CENTER: Text = Text::new("保健所", "Health center");
pub const STAFF_INSTITUTION: Text = Text::new("医療機関等コード", "Institution code");
pub const STAFF_ISSUE: Text = Text::new("発行する", "Issue");
pub const STAFF_PROBLEMS: Text =
    Text::new("{n}件の誤りがあります。何も発行されていません。", "{n} problems found. Nothing was issued.");
pub const STAFF_NONE: Text =
    Text::new("あなたの役割では、職員アカウントを発行できません。", "Your role does not issue staff accounts.");

pub const INSTITUTION_TITLE: Text =
    Text::new("未登録の医療機関等の登録", "Register an institution missing from the master");
pub const INSTITUTION_HELP: Text = Text::new(
    "申請様式のAJ列（医療機関等コード）が空欄で、AO〜AY列に医療機関等の情報が記載された申請（または利用管理者のオンライン申請）の医療機関等を登録します。申請から開いた場合は、申請の内容が入力済みです。登録後、同じ様式を登録し直す（または申請を承認する）と、その行のアカウントがこの医療機関等に発行されます。",
    "Registers the institution of an application whose column AJ (institution code) is blank and whose columns AO–AY give the institution's particulars (or of a user manager's online application). Opened from the application, everything it says is filled in. Once registered, upload the same form again (or approve the request): its rows' accounts are issued at this institution.",
);
pub const INSTITUTION_CLASS: Text = Text::new("種別", "Kind");
pub const CLASS_NOTIFIABLE: Text = Text::new("医療機関（全数）", "Medical institution (all cases)");
pub const CLASS_SENTINEL: Text = Text::new("医療機関（定点）", "Sentinel site");
pub const CLASS_ANIMAL: Text = Text::new("動物診療施設", "Animal clinic");
pub const INSTITUTION_NAME: Text = Text::new("名称", "Name");
pub const INSTITUTION_KANA: Text = Text::new("名称（カナ）", "Name (kana)");
pub const POSTAL_CODE: Text = Text::new("郵便番号", "Postal code");
pub const ADDRESS: Text = Text::new("所在地", "Address");
pub const PHONE: Text = Text::new("電話番号", "Phone number");
pub const BEDS: Text = Text::new("許可病床数", "Licensed beds");
pub const INSURANCE_CODE: Text = Text::new("保険医療機関コード", "Insurance institution code");
pub const NON_INSURANCE: Text = Text::new("非保険医療機関", "Not an insurance institution");
pub const FACILITY_TYPE: Text = Text::new("施設の種類", "Facility");
pub const HOSPITAL: Text = Text::new("病院", "Hospital");
pub const CLINIC: Text = Text::new("診療所", "Clinic");
pub const MAIN_DEPARTMENT: Text = Text::new("主たる診療科目", "Main department");
pub const HAS_PEDIATRICS: Text = Text::new("診療科目に小児科がある", "Has a pediatrics department");
pub const REGISTER_INSTITUTION: Text = Text::new("登録する", "Register");
pub const INSTITUTION_FROM_ROW: Text = Text::new(
    "申請の{row}行目の医療機関等です。所属機関分類・保健所・医療機関等の情報は、その行のとおりに入力してあります。",
    "The institution of row {row} of the application: its class, health center and particulars are filled in as that row gives them.",
);
pub const REGISTERED: Text =
    Text::new("{name} を登録しました。医療機関等コード：{code}", "{name} is registered. Institution code: {code}");
pub const REGISTERED_FROM_APPLICATION: Text = Text::new(
    "同じ申請様式をそのまま登録し直すか、利用管理者の申請を承認すると、アカウントがこの医療機関等に発行されます。",
    "Upload the same application form again, or approve the user manager's request: the accounts are issued at this institution.",
);
pub const BACK_TO_APPLICATIONS: Text = Text::new("アカウント管理に戻る", "Back to account administration");
pub const UNLISTED_INSTITUTION: Text = Text::new("マスタにない医療機関等", "Institution missing from the master");
pub const ISSUE_MANAGER: Text =
    Text::new("この医療機関等の利用管理者を発行する", "Issue this institution's user manager");

pub const AUDIT_TITLE: Text = Text::new("監査ログ", "Audit log");
pub const AUDIT_USER: Text = Text::new("利用者（ユーザID）", "User (user ID)");
pub const AUDIT_OBJECT: Text = Text::new("対象", "Subject");
pub const AUDIT_KIND: Text = Text::new("操作の種類", "Kind");
pub const AUDIT_FROM: Text = Text::new("開始日", "From");
pub const AUDIT_TO: Text = Text::new("終了日", "Until");
pub const AUDIT_SEARCH: Text = Text::new("検索", "Search");
pub const AUDIT_EXPORT: Text = Text::new("CSVで保存", "Save as CSV");
pub const AUDIT_SEQ: Text = Text::new("番号", "No.");
pub const AUDIT_AT: Text = Text::new("日時", "When");
pub const AUDIT_ADDRESS: Text = Text::new("接続元", "From address");
pub const AUDIT_OUTCOME: Text = Text::new("結果", "Outcome");
pub const AUDIT_NONE: Text = Text::new("該当する記録はありません。", "No matching records.");
pub const AUDIT_OLDER: Text = Text::new("さらに古い記録", "Older records");
pub const AUDIT_NEWEST: Text = Text::new("最新の記録に戻る", "Back to the newest");
pub const CHAIN_INTACT: Text = Text::new(
    "改ざんは検出されていません（{records}件の連鎖を検証、このページの{checked}件を照合。連鎖待ち{pending}件）。",
    "No tampering detected ({records} records of the chain verified, {checked} on this page checked; {pending} waiting to be chained).",
);
pub const CHAIN_BROKEN: Text = Text::new(
    "監査ログの改ざんを検出しました：記録 {seq}。{problem}",
    "The audit log has been tampered with: record {seq}. {problem}",
);
pub const CHAIN_HEAD: Text = Text::new("最新のハッシュ（別の場所に控えてください）", "Newest hash (note it elsewhere)");

pub const SECURITY_TITLE: Text = Text::new("セキュリティ", "Security");
pub const SECURITY_HELP: Text = Text::new(
    "管轄内のアカウントへのログイン失敗、ロック、新しい接続元からのログイン、確認コードの大量送信を表示します。利用停止はアカウントの画面から行います。",
    "Failed logins, locks, logins from a new address and floods of one-time codes for the accounts of your jurisdiction. Suspend an account from its page.",
);
pub const SECURITY_DAYS: Text = Text::new("期間", "Period");
pub const DAYS: Text = Text::new("過去{n}日", "Last {n} days");
pub const SECURITY_ACCOUNTS: Text = Text::new("注意が必要なアカウント", "Accounts to look at");
pub const SECURITY_ADDRESSES: Text = Text::new("ログインに失敗した接続元", "Addresses that failed to log in");
pub const SECURITY_NOTHING: Text = Text::new("この期間に該当するものはありません。", "Nothing in this period.");
pub const FAILED_LOGINS: Text = Text::new("パスワード誤り", "Wrong passwords");
pub const FAILED_CODES: Text = Text::new("確認コード誤り", "Wrong codes");
pub const CODES_SENT: Text = Text::new("確認コード送信", "Codes sent");
pub const CODE_FLOOD: Text = Text::new("大量送信", "Flood");
pub const LOCKED_UNTIL: Text = Text::new("ロック解除予定", "Locked until");
pub const NEW_ADDRESSES: Text = Text::new("新しい接続元", "New addresses");
pub const ACCOUNTS_TRIED: Text = Text::new("試されたアカウント", "Accounts tried");
pub const STATE: Text = Text::new("状態", "Status");
