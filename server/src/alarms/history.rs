//! What the detection run writes in an alarm's history when it withdraws or reopens the alarm: the
//! week's count now against the method's bound (and which method that is, where another one watches
//! the week now), so that whoever reads it sees why.

use aberration::Evaluation;

/// A bound as the history writes it: two decimals, or なし where the method sets none.
fn bound_text(bound: Option<f64>) -> String {
    bound.map_or_else(|| "なし".to_owned(), |bound| format!("{bound:.2}"))
}

/// The week, evaluated again, no longer exceeds: `bound` is `None` where the method now sets none
/// (Farrington's fewer than five cases in four weeks).
pub fn withdrawal(observed: u32, bound: Option<f64>) -> String {
    let bound = bound_text(bound);
    format!("週の再評価で上限値を超えなくなったため取り消しました（報告数 {observed}、上限値 {bound}）。")
}

/// The week, evaluated again, is watched by another method now (`method`, by its command-line
/// name: late data changed the series' years of history, docs/aberration.md "Short histories"),
/// which finds `evaluation`; where that method alarms, its alarm is the week's from now on.
pub fn replaced(method: &str, observed: u32, evaluation: &Evaluation) -> String {
    let name = domain::alarms::method_name(method).map_or(method, |name| name.ja);
    let bound = bound_text(evaluation.upperbound);
    let finding = match evaluation.alarm {
        Some(true) => format!("{name}で上限値を超えており、そのアラームとして別にお知らせします"),
        Some(false) => format!("{name}では上限値を超えていません"),
        None => format!("{name}では判定できません"),
    };
    format!(
        "週の再評価で、この週を評価する手法が{name}に変わったため取り消しました（{finding}。報告数 {observed}、上限値 {bound}）。"
    )
}

/// The week of a withdrawn alarm exceeds again.
pub fn reopening(observed: u32, bound: f64) -> String {
    format!("週の再評価で再び上限値を超えたため未対応に戻しました（報告数 {observed}、上限値 {bound:.2}）。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_says_the_count_and_the_bound_or_that_there_is_none() {
        assert!(withdrawal(2, Some(2.5)).contains("報告数 2、上限値 2.50"));
        assert!(withdrawal(1, None).contains("報告数 1、上限値 なし"));
        assert!(reopening(7, 3.127).contains("報告数 7、上限値 3.13"));
        let week = aberration::IsoWeek::new(2026, 10).unwrap_or_else(|| panic!("2026-W10"));
        let exceeds = Evaluation { week, upperbound: Some(9.5), alarm: Some(true) };
        let replaced_by = replaced("farrington", 16, &exceeds);
        assert!(replaced_by.contains("Farrington法（flexible）で上限値を超えており"), "{replaced_by}");
        assert!(replaced_by.contains("報告数 16、上限値 9.50"), "{replaced_by}");
        let quiet = Evaluation { week, upperbound: None, alarm: Some(false) };
        assert!(replaced("ears-c2", 1, &quiet).contains("EARS C2では上限値を超えていません。報告数 1、上限値 なし"));
    }
}
