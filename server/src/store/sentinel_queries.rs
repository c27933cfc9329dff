//! The SQL of [`super::SentinelStore`], written once and instantiated per back end like
//! [`super::queries`]. Dates (designations, periods' first days) are `YYYY-MM-DD` text on both back
//! ends, so that ranges compare as text.

/// Implements `SentinelStore` for `$store` (a struct with `pool` and `writer` fields, `sqlx::Pool<$db>`: reads, and writes).
macro_rules! sentinel_store_impl {
    ($store:ident, $db:ty) => {
        mod sentinel_sql {
            use std::collections::HashMap;

            use super::$store;
            use async_trait::async_trait;
            use domain::api::{
                Designation, Organization, ReportedCount, ReportedItem, SentinelReceipt, SentinelReport,
                SentinelReportDetail, SentinelRevision,
            };
            use domain::sentinel::{has_alert_levels, AlertLevel, IsoWeek, ReportKind, ReportPeriod, SentinelType};
            use sqlx::{QueryBuilder, Row};
            use time::{Date, OffsetDateTime};
            use uuid::Uuid;

            use domain::api::Role;
            use $crate::store::account_queries::CHUNK;
            use $crate::store::sentinel::{
                count_from_column, level_column, levels_from, parse_day, parse_kind, parse_level, parse_period,
                parse_sex, same_levels, sex_column, AreaWeeks,
            };
            use $crate::store::{
                column_name, parse_revision, AccountStatus, revision_column, AreaFilter, DesignatedSite, FilingOutcome,
                MasterEntry, DiseaseTotal, NewSentinelFiling, PeriodReport, ReminderOutcome, SentinelCount,
                SentinelFilter, SentinelStore, SiteContact, SiteReminder, SitesReporting, StoreError, StoreResult,
                StoredAlert, StoredSentinelReport,
            };

            type DbRow = <$db as sqlx::Database>::Row;

            fn designation(row: &DbRow) -> StoreResult<Designation> {
                let sentinel_type: String = row.try_get("sentinel_type")?;
                let until: Option<String> = row.try_get("valid_until")?;
                Ok(Designation {
                    sentinel_type: SentinelType::from_code(&sentinel_type)
                        .ok_or_else(|| StoreError::Corrupt(format!("sentinel type {sentinel_type}")))?,
                    from: parse_day(&row.try_get::<String, _>("valid_from")?)?,
                    until: until.as_deref().map(parse_day).transpose()?,
                })
            }

            /// A designation with its site, health center and 都道府県等.
            const SELECT_DESIGNATED: &str = "SELECT d.sentinel_type, d.valid_from, d.valid_until, \
                 i.code AS site_code, i.name AS site_name, h.code AS health_center_code, \
                 h.name AS health_center_name, h.prefecture_code \
                 FROM sentinel_designations d JOIN institutions i ON i.code = d.institution_code \
                 JOIN health_centers h ON h.code = i.health_center_code";

            /// Designations of type `$1` in force on any day of `$2 ..= $3`, of 都道府県等 `$4` and health
            /// center `$5` where not NULL (`d`, `h` as in `SELECT_DESIGNATED`).
            const DESIGNATED_IN_RANGE: &str = "d.sentinel_type = $1 AND d.valid_from <= $3 \
                 AND (d.valid_until IS NULL OR d.valid_until >= $2) \
                 AND ($4 IS NULL OR h.prefecture_code = $4) AND ($5 IS NULL OR h.code = $5)";

            fn designated_site(row: &DbRow) -> StoreResult<DesignatedSite> {
                Ok(DesignatedSite {
                    site: Organization { code: row.try_get("site_code")?, name: row.try_get("site_name")? },
                    health_center: Organization {
                        code: row.try_get("health_center_code")?,
                        name: row.try_get("health_center_name")?,
                    },
                    prefecture_code: row.try_get("prefecture_code")?,
                    designation: designation(row)?,
                })
            }

            /// The designation master's entries (`masters::designation_entry`).
            pub(in super::super) async fn designation_entries(pool: &sqlx::Pool<$db>) -> StoreResult<Vec<MasterEntry>> {
                let rows = sqlx::query(
                    "SELECT institution_code, sentinel_type, valid_from, valid_until FROM sentinel_designations",
                )
                .fetch_all(pool)
                .await?;
                rows.iter()
                    .map(|row| {
                        let institution: String = row.try_get("institution_code")?;
                        Ok($crate::masters::designation_entry(&institution, &designation(row)?))
                    })
                    .collect()
            }

            /// Writes the designation master's new or changed entries.
            pub(in super::super) async fn upsert_designations(
                connection: &mut <$db as sqlx::Database>::Connection,
                entries: &[MasterEntry],
            ) -> StoreResult<()> {
                let rows: Vec<(String, Designation)> = entries
                    .iter()
                    .map(|entry| {
                        $crate::masters::designation_of(entry)
                            .map(|designation| (entry.parent_code.clone(), designation))
                            .ok_or_else(|| StoreError::Corrupt(format!("designation {}", entry.code)))
                    })
                    .collect::<StoreResult<_>>()?;
                for chunk in rows.chunks(CHUNK) {
                    let mut upsert = QueryBuilder::<$db>::new(
                        "INSERT INTO sentinel_designations (institution_code, sentinel_type, valid_from, valid_until) ",
                    );
                    upsert.push_values(chunk, |mut row, (institution, designation)| {
                        row.push_bind(institution.clone())
                            .push_bind(designation.sentinel_type.code())
                            .push_bind(designation.from.to_string())
                            .push_bind(designation.until.map(|day| day.to_string()));
                    });
                    upsert.push(
                        " ON CONFLICT (institution_code, sentinel_type, valid_from) \
                         DO UPDATE SET valid_until = excluded.valid_until",
                    );
                    upsert.build().execute(&mut *connection).await?;
                }
                Ok(())
            }

            /// A report as it stands (`v` its current revision), with its site and health center.
            const SELECT_REPORT: &str = "SELECT r.id AS report_key, r.kind, r.period, v.id AS filing_id, \
                 v.revision, v.filed_by, v.received_at, v.receipt_number, v.no_patients, \
                 i.code AS site_code, i.name AS site_name, h.code AS health_center_code, \
                 h.name AS health_center_name, h.prefecture_code \
                 FROM sentinel_reports r \
                 JOIN sentinel_revisions v ON v.report_id = r.id AND v.revision = r.current_revision \
                 JOIN institutions i ON i.code = r.institution_code \
                 JOIN health_centers h ON h.code = r.health_center_code";

            fn receipt(row: &DbRow) -> StoreResult<SentinelReceipt> {
                Ok(SentinelReceipt {
                    report_id: row.try_get("filing_id")?,
                    receipt_number: row.try_get("receipt_number")?,
                    received_at: row.try_get("received_at")?,
                    site: Organization { code: row.try_get("site_code")?, name: row.try_get("site_name")? },
                    health_center: Organization {
                        code: row.try_get("health_center_code")?,
                        name: row.try_get("health_center_name")?,
                    },
                    kind: parse_kind(&row.try_get::<String, _>("kind")?)?,
                    period: parse_period(&row.try_get::<String, _>("period")?)?,
                    revision: parse_revision(row.try_get("revision")?)?,
                })
            }

            /// The current reports matching `condition` (on `r`, one parameter), with their cells and
            /// care items, newest period first; each with its key and its health center's 都道府県等.
            async fn current_reports<T>(
                connection: &mut <$db as sqlx::Database>::Connection,
                condition: &str,
                value: T,
            ) -> StoreResult<Vec<(Uuid, String, SentinelReport)>>
            where
                T: for<'e> sqlx::Encode<'e, $db> + sqlx::Type<$db> + Send + Clone + 'static,
            {
                let sql = format!("{SELECT_REPORT} WHERE {condition} ORDER BY r.period_start DESC, r.kind");
                let rows = sqlx::query(&sql).bind(value.clone()).fetch_all(&mut *connection).await?;
                let current = "JOIN sentinel_revisions v ON v.id = c.revision_id \
                     JOIN sentinel_reports r ON r.id = v.report_id AND v.revision = r.current_revision";
                let sql = format!(
                    "SELECT c.revision_id, c.disease, c.age_band, c.sex, c.count FROM sentinel_counts c {current} \
                     WHERE {condition} ORDER BY c.disease, c.age_band, c.sex"
                );
                let mut cells: HashMap<Uuid, Vec<ReportedCount>> = HashMap::new();
                for row in sqlx::query(&sql).bind(value.clone()).fetch_all(&mut *connection).await? {
                    cells.entry(row.try_get("revision_id")?).or_default().push(ReportedCount {
                        disease: row.try_get("disease")?,
                        age_band: row.try_get("age_band")?,
                        sex: parse_sex(&row.try_get::<String, _>("sex")?)?,
                        count: count_from_column(row.try_get::<i64, _>("count")?)?,
                    });
                }
                let sql = format!(
                    "SELECT c.revision_id, c.disease, c.item, c.count FROM sentinel_care_items c {current} \
                     WHERE {condition} ORDER BY c.disease, c.item"
                );
                let mut items: HashMap<Uuid, Vec<ReportedItem>> = HashMap::new();
                for row in sqlx::query(&sql).bind(value).fetch_all(&mut *connection).await? {
                    items.entry(row.try_get("revision_id")?).or_default().push(ReportedItem {
                        disease: row.try_get("disease")?,
                        item: row.try_get("item")?,
                        count: count_from_column(row.try_get::<i64, _>("count")?)?,
                    });
                }
                rows.iter()
                    .map(|row| {
                        let receipt = receipt(row)?;
                        let filing = receipt.report_id;
                        let report = SentinelReport {
                            receipt,
                            filed_by: row.try_get("filed_by")?,
                            no_patients: row.try_get("no_patients")?,
                            cells: cells.remove(&filing).unwrap_or_default(),
                            items: items.remove(&filing).unwrap_or_default(),
                        };
                        Ok((row.try_get("report_key")?, row.try_get("prefecture_code")?, report))
                    })
                    .collect()
            }

            /// Inserts a revision with its cells and items; returns its receipt number, or `None` (nothing
            /// inserted) when its id was taken. The number is written with the revision, from the `seq`
            /// it takes, in one statement.
            async fn insert_revision(
                connection: &mut <$db as sqlx::Database>::Connection,
                report_key: Uuid,
                revision: u32,
                filing: &NewSentinelFiling,
            ) -> StoreResult<Option<String>> {
                let (next_seq, overriding) = (super::next_seq("sentinel_revisions"), super::OVERRIDING_SEQ);
                let sql = format!(
                    "INSERT INTO sentinel_revisions (seq, id, report_id, revision, filed_by, received_at, \
                     receipt_number, content_hash, no_patients, late) {overriding} \
                     SELECT seq, $1, $2, $3, $4, $5, $6 || {}, $7, $8, $9 FROM ({next_seq}) s WHERE true \
                     ON CONFLICT (id) DO NOTHING RETURNING receipt_number",
                    $crate::store::RECEIPT_SEQ_SQL
                );
                let number: Option<String> = sqlx::query_scalar(&sql)
                    .bind(filing.id)
                    .bind(report_key)
                    .bind(revision_column(revision)?)
                    .bind(&filing.filed_by)
                    .bind(filing.received_at)
                    .bind(format!("T{}", $crate::store::receipt_date_part(filing.received_at)))
                    .bind(&filing.content_hash)
                    .bind(filing.no_patients)
                    .bind(filing.late)
                    .fetch_optional(&mut *connection)
                    .await?;
                let Some(number) = number else { return Ok(None) };
                for chunk in filing.cells.chunks(CHUNK) {
                    let mut insert = QueryBuilder::<$db>::new(
                        "INSERT INTO sentinel_counts (revision_id, disease, age_band, sex, count) ",
                    );
                    insert.push_values(chunk, |mut row, cell| {
                        row.push_bind(filing.id)
                            .push_bind(cell.disease.clone())
                            .push_bind(cell.age_band.clone())
                            .push_bind(sex_column(cell.sex))
                            .push_bind(i64::from(cell.count));
                    });
                    insert.build().execute(&mut *connection).await?;
                }
                for chunk in filing.items.chunks(CHUNK) {
                    let mut insert =
                        QueryBuilder::<$db>::new("INSERT INTO sentinel_care_items (revision_id, disease, item, count) ");
                    insert.push_values(chunk, |mut row, item| {
                        row.push_bind(filing.id)
                            .push_bind(item.disease.clone())
                            .push_bind(item.item.clone())
                            .push_bind(i64::from(item.count));
                    });
                    insert.build().execute(&mut *connection).await?;
                }
                Ok(Some(number))
            }

            /// The cells of a report's revision.
            async fn revision_cells(
                connection: &mut <$db as sqlx::Database>::Connection,
                report_key: Uuid,
                revision: u32,
            ) -> StoreResult<Vec<ReportedCount>> {
                let rows = sqlx::query(
                    "SELECT c.disease, c.age_band, c.sex, c.count FROM sentinel_counts c \
                     JOIN sentinel_revisions v ON v.id = c.revision_id WHERE v.report_id = $1 AND v.revision = $2",
                )
                .bind(report_key)
                .bind(revision_column(revision)?)
                .fetch_all(&mut *connection)
                .await?;
                rows.iter()
                    .map(|row| {
                        Ok(ReportedCount {
                            disease: row.try_get("disease")?,
                            age_band: row.try_get("age_band")?,
                            sex: parse_sex(&row.try_get::<String, _>("sex")?)?,
                            count: count_from_column(row.try_get::<i64, _>("count")?)?,
                        })
                    })
                    .collect()
            }

            /// `SELECT {columns}` of the current reports of the filter's kind, periods and area, then `tail`
            /// (ordering or grouping).
            async fn filter_reports(
                pool: &sqlx::Pool<$db>,
                columns: &str,
                filter: &SentinelFilter,
                tail: &str,
            ) -> StoreResult<Vec<DbRow>> {
                let (jurisdiction, health_center) = filter.area.parameters();
                let sql = format!(
                    "SELECT {columns} FROM sentinel_reports r JOIN health_centers h ON h.code = r.health_center_code \
                     WHERE r.kind = $1 AND r.period_start >= $2 AND r.period_start <= $3 \
                     AND ($4 IS NULL OR h.prefecture_code = $4) AND ($5 IS NULL OR h.code = $5) {tail}"
                );
                Ok(sqlx::query(&sql)
                    .bind(filter.kind.code())
                    .bind(filter.from.to_string())
                    .bind(filter.to.to_string())
                    .bind(jurisdiction)
                    .bind(health_center)
                    .fetch_all(pool)
                    .await?)
            }

            /// Keeps the per-area figures (`sentinel_area_*`, migration 0026) in step with a filing:
            /// the revision it replaces (its health center and cells) leaves them, the filing enters.
            async fn move_area_figures(
                connection: &mut <$db as sqlx::Database>::Connection,
                filing: &NewSentinelFiling,
                replaced: Option<(String, Vec<ReportedCount>)>,
            ) -> StoreResult<()> {
                let changes = $crate::store::sentinel::AreaChanges::of(filing, replaced);
                let (kind, period_start) = (filing.kind.code(), filing.period.first_day().to_string());
                if !changes.sites.is_empty() {
                    let mut upsert = QueryBuilder::<$db>::new(
                        "INSERT INTO sentinel_area_periods (kind, period_start, health_center_code, sites) ",
                    );
                    upsert.push_values(&changes.sites, |mut row, (health_center, sites)| {
                        row.push_bind(kind).push_bind(period_start.clone()).push_bind(health_center.clone()).push_bind(*sites);
                    });
                    upsert.push(
                        " ON CONFLICT (kind, period_start, health_center_code) \
                         DO UPDATE SET sites = sentinel_area_periods.sites + excluded.sites",
                    );
                    upsert.build().execute(&mut *connection).await?;
                }
                for chunk in changes.cells.chunks(CHUNK) {
                    let mut upsert = QueryBuilder::<$db>::new(
                        "INSERT INTO sentinel_area_counts (kind, period_start, health_center_code, disease, age_band, \
                         sex, count) ",
                    );
                    upsert.push_values(chunk, |mut row, ((health_center, disease, band, sex), count)| {
                        row.push_bind(kind)
                            .push_bind(period_start.clone())
                            .push_bind(health_center.clone())
                            .push_bind(disease.clone())
                            .push_bind(band.clone())
                            .push_bind(sex_column(*sex))
                            .push_bind(*count);
                    });
                    upsert.push(
                        " ON CONFLICT (kind, period_start, health_center_code, disease, age_band, sex) \
                         DO UPDATE SET count = sentinel_area_counts.count + excluded.count",
                    );
                    upsert.build().execute(&mut *connection).await?;
                }
                for chunk in changes.totals.chunks(CHUNK) {
                    let mut upsert = QueryBuilder::<$db>::new(
                        "INSERT INTO sentinel_area_totals (kind, period_start, health_center_code, disease, cases) ",
                    );
                    upsert.push_values(chunk, |mut row, ((health_center, disease), cases)| {
                        row.push_bind(kind)
                            .push_bind(period_start.clone())
                            .push_bind(health_center.clone())
                            .push_bind(disease.clone())
                            .push_bind(*cases);
                    });
                    upsert.push(
                        " ON CONFLICT (kind, period_start, health_center_code, disease) \
                         DO UPDATE SET cases = sentinel_area_totals.cases + excluded.cases",
                    );
                    upsert.build().execute(&mut *connection).await?;
                }
                Ok(())
            }

            /// A reporting-sites column as a count of sites.
            fn site_count(row: &DbRow) -> StoreResult<u32> {
                let sites = figure(row, "sites")?;
                u32::try_from(sites).map_err(|_| StoreError::Corrupt(format!("sites {sites}")))
            }

            /// One area's figures of a form in the weeks starting `first` through `last` (Mondays): the
            /// weeks with reporting sites and each disease's cases in them (weeks without reporting
            /// sites have no rate, so their cases are not read).
            async fn area_weeks(
                connection: &mut <$db as sqlx::Database>::Connection,
                (health_center, kind, first, last): (&str, ReportKind, &str, &str),
            ) -> StoreResult<AreaWeeks> {
                let rows = sqlx::query(
                    "SELECT p.period_start, p.sites, t.disease, t.cases FROM sentinel_area_periods p \
                     LEFT JOIN sentinel_area_totals t ON t.kind = p.kind AND t.period_start = p.period_start \
                     AND t.health_center_code = p.health_center_code AND t.cases > 0 \
                     WHERE p.health_center_code = $1 AND p.kind = $2 AND p.period_start >= $3 \
                     AND p.period_start <= $4 AND p.sites > 0",
                )
                .bind(health_center)
                .bind(kind.code())
                .bind(first)
                .bind(last)
                .fetch_all(&mut *connection)
                .await?;
                let mut figures = AreaWeeks::default();
                for row in &rows {
                    let week = parse_day(&row.try_get::<String, _>("period_start")?)?;
                    figures.sites.insert(week, site_count(row)?);
                    if let Some(disease) = row.try_get::<Option<String>, _>("disease")? {
                        let cases: Option<i64> = row.try_get("cases")?;
                        let cases = cases.unwrap_or(0);
                        let cases = u64::try_from(cases).map_err(|_| StoreError::Corrupt(format!("cases {cases}")))?;
                        figures.cases.insert((disease, week), cases);
                    }
                }
                Ok(figures)
            }

            /// The weeks an area's levels are computed over: from `from` through `through` (every
            /// later week when `None`).
            struct LevelWeeks {
                before: String,
                first: String,
                last: String,
            }

            impl LevelWeeks {
                fn new(from: IsoWeek, through: Option<IsoWeek>) -> Self {
                    Self {
                        before: from.previous().monday().to_string(),
                        first: from.monday().to_string(),
                        // Mondays compare as text; no week starts after this one.
                        last: through.map_or_else(|| "9999-12-31".to_owned(), |week| week.monday().to_string()),
                    }
                }
            }

            /// The levels of an area's form computed over `weeks` from its per-area figures, continuing
            /// from the week before's stored levels, and whether they are the ones stored for those weeks.
            async fn computed_levels(
                connection: &mut <$db as sqlx::Database>::Connection,
                kind: ReportKind,
                health_center: &str,
                from: IsoWeek,
                weeks: &LevelWeeks,
            ) -> StoreResult<(Vec<(Date, &'static str, AlertLevel)>, bool)> {
                let rows = sqlx::query(
                    "SELECT period_start, disease, level FROM sentinel_area_levels \
                     WHERE health_center_code = $1 AND kind = $2 AND period_start >= $3 AND period_start <= $4",
                )
                .bind(health_center)
                .bind(kind.code())
                .bind(&weeks.before)
                .bind(&weeks.last)
                .fetch_all(&mut *connection)
                .await?;
                // The week before's levels continue; the later ones are what the computation replaces.
                let (mut previous, mut stored) = (HashMap::new(), Vec::new());
                for row in &rows {
                    let monday = parse_day(&row.try_get::<String, _>("period_start")?)?;
                    let (disease, level): (String, _) =
                        (row.try_get("disease")?, parse_level(&row.try_get::<String, _>("level")?)?);
                    if monday < from.monday() {
                        previous.insert(disease, level);
                    } else {
                        stored.push((monday, disease, level));
                    }
                }
                let range = (health_center, kind, weeks.first.as_str(), weeks.last.as_str());
                let figures = area_weeks(connection, range).await?;
                let levels = levels_from(kind, from, &previous, &figures);
                let same = same_levels(&levels, stored);
                Ok((levels, same))
            }

            /// Brings an area's stored levels of a form (`sentinel_area_levels`, migration 0031) up to date
            /// after its figures changed in the weeks from `from` through `changed_through` (every week
            /// from `from` on when `None`): the levels of the week before stay, every later week's are
            /// computed again from the per-area figures. A week's levels follow from the week before's
            /// and its own rates, so when the changed weeks' levels come out as stored, so do all later
            /// weeks': a filing (one week) then reads that week only and writes nothing.
            async fn refresh_area_levels(
                connection: &mut <$db as sqlx::Database>::Connection,
                kind: ReportKind,
                health_center: &str,
                from: Date,
                changed_through: Option<Date>,
            ) -> StoreResult<()> {
                if !has_alert_levels(kind) {
                    return Ok(());
                }
                if let Some(lock) = super::AREA_LEVELS_LOCK {
                    sqlx::query(lock).bind(format!("{}:{health_center}", kind.code())).execute(&mut *connection).await?;
                }
                let from = IsoWeek::containing(from);
                let changed = LevelWeeks::new(from, changed_through.map(IsoWeek::containing));
                let (mut levels, same) = computed_levels(connection, kind, health_center, from, &changed).await?;
                if same {
                    return Ok(());
                }
                if changed_through.is_some() {
                    // The changed weeks' levels moved: every later week's may have.
                    let every = LevelWeeks::new(from, None);
                    levels = computed_levels(connection, kind, health_center, from, &every).await?.0;
                }
                sqlx::query(
                    "DELETE FROM sentinel_area_levels WHERE health_center_code = $1 AND kind = $2 AND period_start >= $3",
                )
                .bind(health_center)
                .bind(kind.code())
                .bind(&changed.first)
                .execute(&mut *connection)
                .await?;
                for chunk in levels.chunks(CHUNK) {
                    let mut insert = QueryBuilder::<$db>::new(
                        "INSERT INTO sentinel_area_levels (kind, period_start, health_center_code, disease, level) ",
                    );
                    insert.push_values(chunk, |mut row, (monday, disease, level)| {
                        row.push_bind(kind.code())
                            .push_bind(monday.to_string())
                            .push_bind(health_center.to_owned())
                            .push_bind(*disease)
                            .push_bind(level_column(*level));
                    });
                    insert.build().execute(&mut *connection).await?;
                }
                Ok(())
            }

            /// What a filing writes besides its revision, from the reads before its transaction: a first
            /// report, or a correction of the report (key) from its current revision, which it replaces
            /// (the health center it counted for and its cells).
            enum Filing {
                First,
                Correction { key: Uuid, current: u32, replaced: (String, Vec<ReportedCount>) },
            }

            /// A filing's decision from reads before its write transaction (on SQLite they do not hold the
            /// one writer's lock): an outcome without writes, or what to write.
            async fn plan_filing(
                pool: &sqlx::Pool<$db>,
                filing: &NewSentinelFiling,
            ) -> StoreResult<Result<Filing, FilingOutcome>> {
                let mut connection = pool.acquire().await?;
                let taken = sqlx::query(
                    "SELECT v.content_hash, v.filed_by, v.id AS filing_id, v.revision, v.received_at, \
                     v.receipt_number, r.kind, r.period, i.code AS site_code, i.name AS site_name, \
                     h.code AS health_center_code, h.name AS health_center_name \
                     FROM sentinel_revisions v JOIN sentinel_reports r ON r.id = v.report_id \
                     JOIN institutions i ON i.code = r.institution_code \
                     JOIN health_centers h ON h.code = r.health_center_code WHERE v.id = $1",
                )
                .bind(filing.id)
                .fetch_optional(&mut *connection)
                .await?;
                if let Some(row) = taken {
                    return Ok(Err(FilingOutcome::IdTaken($crate::store::TakenId {
                        content_hash: row.try_get("content_hash")?,
                        filed_by: row.try_get("filed_by")?,
                        receipt: receipt(&row)?,
                    })));
                }
                let existing = sqlx::query(
                    "SELECT id, current_revision, health_center_code FROM sentinel_reports \
                     WHERE institution_code = $1 AND kind = $2 AND period = $3",
                )
                .bind(&filing.site.code)
                .bind(filing.kind.code())
                .bind(filing.period.to_string())
                .fetch_optional(&mut *connection)
                .await?;
                match (existing, filing.based_on_revision) {
                    (None, None) => Ok(Ok(Filing::First)),
                    (None, Some(_)) => Ok(Err(FilingOutcome::NothingToCorrect)),
                    (Some(row), based_on) => {
                        let key: Uuid = row.try_get("id")?;
                        let current = parse_revision(row.try_get("current_revision")?)?;
                        if based_on != Some(current) {
                            drop(connection);
                            let mut tx = $crate::store::begin_write(pool).await?;
                            let mut reports = current_reports(&mut *tx, "r.id = $1", key).await?;
                            tx.rollback().await?;
                            let (_, _, report) = reports
                                .pop()
                                .ok_or_else(|| StoreError::Corrupt(format!("sentinel report {key} vanished")))?;
                            return Ok(Err(FilingOutcome::AlreadyFiled(Box::new(report))));
                        }
                        // A revision's cells never change once written.
                        let replaced_area: String = row.try_get("health_center_code")?;
                        let replaced = (replaced_area, revision_cells(&mut *connection, key, current).await?);
                        Ok(Ok(Filing::Correction { key, current, replaced }))
                    }
                }
            }

            /// Files a report as [`plan_filing`] decided, in one write transaction whose writes check that
            /// what was read still holds: `None` (nothing stored) when a concurrent filing of the same
            /// id or report committed in between.
            async fn file_once(pool: &sqlx::Pool<$db>, filing: &NewSentinelFiling) -> StoreResult<Option<FilingOutcome>> {
                let planned = match plan_filing(pool, filing).await? {
                    Ok(planned) => planned,
                    Err(outcome) => return Ok(Some(outcome)),
                };
                let mut tx = $crate::store::begin_write(pool).await?;
                let (report_key, revision, audit, replaced) = match planned {
                    Filing::First => {
                        let inserted = sqlx::query(
                            "INSERT INTO sentinel_reports (id, institution_code, health_center_code, kind, period, \
                             period_start, current_revision, late) VALUES ($1, $2, $3, $4, $5, $6, 1, $7) \
                             ON CONFLICT DO NOTHING",
                        )
                        .bind(filing.id)
                        .bind(&filing.site.code)
                        .bind(&filing.health_center.code)
                        .bind(filing.kind.code())
                        .bind(filing.period.to_string())
                        .bind(filing.period.first_day().to_string())
                        .bind(filing.late)
                        .execute(&mut *tx)
                        .await?;
                        if inserted.rows_affected() == 0 {
                            tx.rollback().await?;
                            return Ok(None);
                        }
                        (filing.id, 1, &filing.filed_audit, None)
                    }
                    Filing::Correction { key, current, replaced } => {
                        let updated = sqlx::query(
                            "UPDATE sentinel_reports SET current_revision = $2, health_center_code = $3 \
                             WHERE id = $1 AND current_revision = $4",
                        )
                        .bind(key)
                        .bind(revision_column(current + 1)?)
                        .bind(&filing.health_center.code)
                        .bind(revision_column(current)?)
                        .execute(&mut *tx)
                        .await?;
                        if updated.rows_affected() == 0 {
                            tx.rollback().await?;
                            return Ok(None);
                        }
                        (key, current + 1, &filing.corrected_audit, Some(replaced))
                    }
                };
                let Some(receipt_number) = insert_revision(&mut *tx, report_key, revision, filing).await? else {
                    tx.rollback().await?;
                    return Ok(None);
                };
                let mut changed_areas = vec![filing.health_center.code.clone()];
                changed_areas.extend(replaced.as_ref().map(|(area, _)| area.clone()));
                // In code order: two corrections moving reports between the same areas take the
                // areas' level locks in the same order.
                changed_areas.sort();
                changed_areas.dedup();
                super::notification_sql::insert_audit(&mut *tx, audit).await?;
                // Last before the commit: the per-area rows (and on PostgreSQL the area's level lock)
                // that every filing of the area and week updates are held for the shortest time.
                move_area_figures(&mut *tx, filing, replaced).await?;
                for area in &changed_areas {
                    let week = filing.period.first_day();
                    refresh_area_levels(&mut *tx, filing.kind, area, week, Some(week)).await?;
                }
                tx.commit().await?;
                // What the transaction wrote, not read back.
                Ok(Some(FilingOutcome::Filed(SentinelReceipt {
                    report_id: filing.id,
                    receipt_number,
                    received_at: filing.received_at,
                    site: filing.site.clone(),
                    health_center: filing.health_center.clone(),
                    kind: filing.kind,
                    period: filing.period,
                    revision,
                })))
            }

            /// `SELECT {columns} FROM {table} a` of one kind and periods in the filter's range, with only
            /// the conditions the filter has (so that the engine can choose an area's index).
            fn area_query<'q>(table: &str, columns: &str, filter: &'q SentinelFilter) -> QueryBuilder<'q, $db> {
                let mut query = QueryBuilder::<$db>::new(format!("SELECT {columns} FROM {table} a "));
                if let AreaFilter::Jurisdiction(_) = filter.area {
                    query.push("JOIN health_centers h ON h.code = a.health_center_code ");
                }
                query.push("WHERE a.kind = ").push_bind(filter.kind.code());
                query.push(" AND a.period_start >= ").push_bind(filter.from.to_string());
                query.push(" AND a.period_start <= ").push_bind(filter.to.to_string());
                match &filter.area {
                    AreaFilter::Everywhere => {}
                    AreaFilter::Jurisdiction(code) => {
                        query.push(" AND h.prefecture_code = ").push_bind(code.as_str());
                    }
                    AreaFilter::HealthCenter(code) => {
                        query.push(" AND a.health_center_code = ").push_bind(code.as_str());
                    }
                }
                query
            }

            /// A figure column (a 64-bit integer on both back ends), never below 0.
            fn figure(row: &DbRow, column: &str) -> StoreResult<u64> {
                let value: i64 = row.try_get(column)?;
                u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("{column} {value}")))
            }

            #[async_trait]
            impl SentinelStore for $store {
                async fn put_designation(&self, institution_code: &str, designation: &Designation) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO sentinel_designations (institution_code, sentinel_type, valid_from, valid_until) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (institution_code, sentinel_type, valid_from) DO NOTHING",
                    )
                    .bind(institution_code)
                    .bind(designation.sentinel_type.code())
                    .bind(designation.from.to_string())
                    .bind(designation.until.map(|day| day.to_string()))
                    .execute(&self.writer)
                    .await?;
                    Ok(())
                }

                async fn designations(&self, institution_code: &str) -> StoreResult<Vec<Designation>> {
                    let rows = sqlx::query(
                        "SELECT sentinel_type, valid_from, valid_until FROM sentinel_designations \
                         WHERE institution_code = $1 ORDER BY valid_from, sentinel_type",
                    )
                    .bind(institution_code)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(designation).collect()
                }

                async fn area_designations(&self, health_center_code: &str) -> StoreResult<Vec<DesignatedSite>> {
                    let sql = format!(
                        "{SELECT_DESIGNATED} WHERE h.code = $1 ORDER BY i.code, d.valid_from, d.sentinel_type"
                    );
                    let rows = sqlx::query(&sql).bind(health_center_code).fetch_all(&self.pool).await?;
                    rows.iter().map(designated_site).collect()
                }

                async fn designated_counts(
                    &self,
                    sentinel_type: SentinelType,
                    first: Date,
                    last: Date,
                    area: &AreaFilter,
                ) -> StoreResult<Vec<(String, u32)>> {
                    let (jurisdiction, health_center) = area.parameters();
                    let sql = format!(
                        "SELECT h.code AS health_center_code, COUNT(DISTINCT d.institution_code) AS sites \
                         FROM sentinel_designations d JOIN institutions i ON i.code = d.institution_code \
                         JOIN health_centers h ON h.code = i.health_center_code \
                         WHERE {DESIGNATED_IN_RANGE} GROUP BY h.code"
                    );
                    let rows = sqlx::query(&sql)
                        .bind(sentinel_type.code())
                        .bind(first.to_string())
                        .bind(last.to_string())
                        .bind(jurisdiction)
                        .bind(health_center)
                        .fetch_all(&self.pool)
                        .await?;
                    rows.iter().map(|row| Ok((row.try_get("health_center_code")?, site_count(row)?))).collect()
                }

                async fn designated_sites(
                    &self,
                    sentinel_type: SentinelType,
                    first: Date,
                    last: Date,
                    area: &AreaFilter,
                ) -> StoreResult<Vec<DesignatedSite>> {
                    let (jurisdiction, health_center) = area.parameters();
                    let sql = format!("{SELECT_DESIGNATED} WHERE {DESIGNATED_IN_RANGE} ORDER BY i.code, d.valid_from");
                    let rows = sqlx::query(&sql)
                    .bind(sentinel_type.code())
                    .bind(first.to_string())
                    .bind(last.to_string())
                    .bind(jurisdiction)
                    .bind(health_center)
                    .fetch_all(&self.pool)
                    .await?;
                    let mut sites: Vec<DesignatedSite> = Vec::with_capacity(rows.len());
                    for row in &rows {
                        let site = designated_site(row)?;
                        // Two designations of one site in the range (an end and a new start) are one site.
                        if sites.last().is_none_or(|last| last.site.code != site.site.code) {
                            sites.push(site);
                        }
                    }
                    Ok(sites)
                }

                async fn file_sentinel_report(&self, filing: &NewSentinelFiling) -> StoreResult<FilingOutcome> {
                    // A concurrent filing of the same id or report changed what was read: read again.
                    loop {
                        if let Some(outcome) = file_once(&self.writer, filing).await? {
                            return Ok(outcome);
                        }
                    }
                }

                async fn sentinel_report(&self, filing_id: Uuid) -> StoreResult<Option<StoredSentinelReport>> {
                    let mut connection = self.pool.acquire().await?;
                    let condition = "r.id = (SELECT report_id FROM sentinel_revisions WHERE id = $1)";
                    let Some((key, prefecture_code, current)) =
                        current_reports(&mut *connection, condition, filing_id).await?.pop()
                    else {
                        return Ok(None);
                    };
                    let rows = sqlx::query(
                        "SELECT id, revision, filed_by, received_at, late FROM sentinel_revisions \
                         WHERE report_id = $1 ORDER BY revision",
                    )
                    .bind(key)
                    .fetch_all(&mut *connection)
                    .await?;
                    let history = rows
                        .iter()
                        .map(|row| {
                            Ok(SentinelRevision {
                                report_id: row.try_get("id")?,
                                revision: parse_revision(row.try_get("revision")?)?,
                                filed_by: row.try_get("filed_by")?,
                                received_at: row.try_get::<OffsetDateTime, _>("received_at")?,
                                late: row.try_get("late")?,
                            })
                        })
                        .collect::<StoreResult<_>>()?;
                    Ok(Some(StoredSentinelReport { detail: SentinelReportDetail { current, history }, prefecture_code }))
                }

                async fn site_reports(&self, institution_code: &str) -> StoreResult<Vec<SentinelReport>> {
                    let mut connection = self.pool.acquire().await?;
                    let reports =
                        current_reports(&mut *connection, "r.institution_code = $1", institution_code.to_owned()).await?;
                    Ok(reports.into_iter().map(|(_, _, report)| report).collect())
                }

                async fn period_reports(&self, filter: &SentinelFilter) -> StoreResult<Vec<PeriodReport>> {
                    let columns = "r.id, r.institution_code, r.health_center_code, r.period_start, \
                                   r.current_revision, r.late";
                    let tail = "ORDER BY r.period_start, r.institution_code";
                    let rows = filter_reports(&self.pool, columns, filter, tail).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(PeriodReport {
                                report_id: row.try_get("id")?,
                                institution_code: row.try_get("institution_code")?,
                                health_center_code: row.try_get("health_center_code")?,
                                period_start: parse_day(&row.try_get::<String, _>("period_start")?)?,
                                revision: parse_revision(row.try_get("current_revision")?)?,
                                late: row.try_get("late")?,
                            })
                        })
                        .collect()
                }

                async fn sentinel_counts(
                    &self,
                    filter: &SentinelFilter,
                    disease: Option<&str>,
                ) -> StoreResult<Vec<SentinelCount>> {
                    let columns = "a.health_center_code, a.period_start, a.disease, a.age_band, a.sex, a.count";
                    let mut query = area_query("sentinel_area_counts", columns, filter);
                    query.push(" AND a.count > 0");
                    if let Some(disease) = disease {
                        query.push(" AND a.disease = ").push_bind(disease);
                    }
                    let rows = query.build().fetch_all(&self.pool).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(SentinelCount {
                                health_center_code: row.try_get("health_center_code")?,
                                period_start: parse_day(&row.try_get::<String, _>("period_start")?)?,
                                disease: row.try_get("disease")?,
                                age_band: row.try_get("age_band")?,
                                sex: parse_sex(&row.try_get::<String, _>("sex")?)?,
                                count: figure(row, "count")?,
                            })
                        })
                        .collect()
                }

                async fn disease_totals(
                    &self,
                    filter: &SentinelFilter,
                    disease: Option<&str>,
                ) -> StoreResult<Vec<DiseaseTotal>> {
                    let columns = "a.health_center_code, a.period_start, a.disease, a.cases";
                    let mut query = area_query("sentinel_area_totals", columns, filter);
                    query.push(" AND a.cases > 0");
                    if let Some(disease) = disease {
                        query.push(" AND a.disease = ").push_bind(disease);
                    }
                    let rows = query.build().fetch_all(&self.pool).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(DiseaseTotal {
                                health_center_code: row.try_get("health_center_code")?,
                                period_start: parse_day(&row.try_get::<String, _>("period_start")?)?,
                                disease: row.try_get("disease")?,
                                cases: figure(row, "cases")?,
                            })
                        })
                        .collect()
                }

                async fn reporting_sites(&self, filter: &SentinelFilter) -> StoreResult<Vec<SitesReporting>> {
                    let columns = "a.health_center_code, a.period_start, a.sites";
                    let mut query = area_query("sentinel_area_periods", columns, filter);
                    query.push(" AND a.sites > 0");
                    let rows = query.build().fetch_all(&self.pool).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(SitesReporting {
                                health_center_code: row.try_get("health_center_code")?,
                                period_start: parse_day(&row.try_get::<String, _>("period_start")?)?,
                                sites: site_count(row)?,
                            })
                        })
                        .collect()
                }

                async fn area_alert_levels(
                    &self,
                    kind: ReportKind,
                    monday: Date,
                    area: &AreaFilter,
                    disease: Option<&str>,
                ) -> StoreResult<Vec<StoredAlert>> {
                    let mut query = QueryBuilder::<$db>::new(
                        "SELECT l.health_center_code, l.disease, l.level, p.sites, COALESCE(t.cases, 0) AS cases \
                         FROM sentinel_area_levels l JOIN sentinel_area_periods p ON p.kind = l.kind \
                         AND p.period_start = l.period_start AND p.health_center_code = l.health_center_code \
                         LEFT JOIN sentinel_area_totals t ON t.kind = l.kind AND t.period_start = l.period_start \
                         AND t.health_center_code = l.health_center_code AND t.disease = l.disease ",
                    );
                    if let AreaFilter::Jurisdiction(_) = area {
                        query.push("JOIN health_centers h ON h.code = l.health_center_code ");
                    }
                    query.push("WHERE l.kind = ").push_bind(kind.code());
                    query.push(" AND l.period_start = ").push_bind(monday.to_string());
                    match area {
                        AreaFilter::Everywhere => {}
                        AreaFilter::Jurisdiction(code) => {
                            query.push(" AND h.prefecture_code = ").push_bind(code.as_str());
                        }
                        AreaFilter::HealthCenter(code) => {
                            query.push(" AND l.health_center_code = ").push_bind(code.as_str());
                        }
                    }
                    if let Some(disease) = disease {
                        query.push(" AND l.disease = ").push_bind(disease);
                    }
                    query.push(" ORDER BY l.health_center_code");
                    let rows = query.build().fetch_all(&self.pool).await?;
                    rows.iter()
                        .map(|row| {
                            Ok(StoredAlert {
                                health_center_code: row.try_get("health_center_code")?,
                                disease: row.try_get("disease")?,
                                level: parse_level(&row.try_get::<String, _>("level")?)?,
                                cases: figure(row, "cases")?,
                                sites: site_count(row)?,
                            })
                        })
                        .collect()
                }

                async fn settle_owed_levels(&self) -> StoreResult<usize> {
                    let owed = sqlx::query("SELECT kind, health_center_code, from_period FROM sentinel_levels_owed")
                        .fetch_all(&self.pool)
                        .await?;
                    for row in &owed {
                        let (kind, area): (String, String) = (row.try_get("kind")?, row.try_get("health_center_code")?);
                        let from = parse_day(&row.try_get::<String, _>("from_period")?)?;
                        let mut tx = $crate::store::begin_write(&self.writer).await?;
                        refresh_area_levels(&mut *tx, parse_kind(&kind)?, &area, from, None).await?;
                        sqlx::query("DELETE FROM sentinel_levels_owed WHERE kind = $1 AND health_center_code = $2")
                            .bind(&kind)
                            .bind(&area)
                            .execute(&mut *tx)
                            .await?;
                        tx.commit().await?;
                    }
                    Ok(owed.len())
                }

                async fn site_contacts(&self, institution_codes: &[String]) -> StoreResult<Vec<SiteContact>> {
                    let mut contacts = Vec::new();
                    for chunk in institution_codes.chunks(CHUNK) {
                        let mut query = QueryBuilder::<$db>::new(
                            "SELECT institution_code, COALESCE(contact_email, email) AS email FROM users WHERE role = ",
                        );
                        query.push_bind(column_name(Role::SentinelSiteManager));
                        query.push(" AND status = ").push_bind(column_name(AccountStatus::Active));
                        query.push(" AND COALESCE(contact_email, email) IS NOT NULL AND institution_code IN (");
                        let mut list = query.separated(", ");
                        for code in chunk {
                            list.push_bind(code.clone());
                        }
                        list.push_unseparated(") ORDER BY institution_code, user_id");
                        for row in query.build().fetch_all(&self.pool).await? {
                            contacts.push(SiteContact {
                                institution_code: row.try_get("institution_code")?,
                                email: row.try_get("email")?,
                            });
                        }
                    }
                    Ok(contacts)
                }

                async fn queue_reminders(&self, reminders: &[SiteReminder]) -> StoreResult<Vec<ReminderOutcome>> {
                    let mut tx = $crate::store::begin_write(&self.writer).await?;
                    let mut outcomes = Vec::with_capacity(reminders.len());
                    for reminder in reminders {
                        // The key decides: a reminder of the same report by anyone, before or at the
                        // same moment, leaves this one out.
                        let recorded = sqlx::query(
                            "INSERT INTO sentinel_reminders (institution_code, kind, period, reminded_at, reminded_by) \
                             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (institution_code, kind, period) DO NOTHING",
                        )
                        .bind(&reminder.institution_code)
                        .bind(reminder.kind.code())
                        .bind(reminder.period.to_string())
                        .bind(reminder.reminded_at)
                        .bind(&reminder.reminded_by)
                        .execute(&mut *tx)
                        .await?
                        .rows_affected();
                        if recorded == 0 {
                            let before: OffsetDateTime = sqlx::query_scalar(
                                "SELECT reminded_at FROM sentinel_reminders \
                                 WHERE institution_code = $1 AND kind = $2 AND period = $3",
                            )
                            .bind(&reminder.institution_code)
                            .bind(reminder.kind.code())
                            .bind(reminder.period.to_string())
                            .fetch_one(&mut *tx)
                            .await?;
                            outcomes.push(ReminderOutcome::RemindedBefore(before));
                            continue;
                        }
                        super::mail_sql::insert_mails(&mut tx, &reminder.mails, reminder.reminded_at).await?;
                        super::notification_sql::insert_audit(&mut *tx, &reminder.audit).await?;
                        outcomes.push(ReminderOutcome::Queued);
                    }
                    tx.commit().await?;
                    Ok(outcomes)
                }

                async fn reminded_sites(
                    &self,
                    kind: ReportKind,
                    period: ReportPeriod,
                    health_center_code: &str,
                ) -> StoreResult<HashMap<String, OffsetDateTime>> {
                    let rows = sqlx::query(
                        "SELECT r.institution_code, r.reminded_at FROM sentinel_reminders r \
                         JOIN institutions i ON i.code = r.institution_code \
                         WHERE r.kind = $1 AND r.period = $2 AND i.health_center_code = $3",
                    )
                    .bind(kind.code())
                    .bind(period.to_string())
                    .bind(health_center_code)
                    .fetch_all(&self.pool)
                    .await?;
                    rows.iter().map(|row| Ok((row.try_get("institution_code")?, row.try_get("reminded_at")?))).collect()
                }
            }
        }
    };
}

pub(super) use sentinel_store_impl;
