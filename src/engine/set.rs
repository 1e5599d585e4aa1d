//! A set of plans run on the same market paths (common random numbers),
//! in three steps: [`Dedupe`] finds the plans the year loop cannot tell
//! apart (they run once), [`run_batches`] runs the batches of paths in
//! parallel into the workspace, and [`summarise_members`] turns each
//! plan's paths into the figures its [`Record`] asks for.

use rayon::prelude::*;

use super::batch::TAX_ROWS;
use super::batch::{BandLayout, BatchOut, GrowthCache, LANES, SetRun};
use super::control::RunControl;
use super::error::SimulationError;
use super::schedule::Schedule;
use super::source::{Kind, Source};
use super::taxed::TaxedYear;
use super::workspace::{GrowthKey, MAX_KEPT_GROWTH_BYTES, Workspace, balance_cells};
use crate::market::history::ReturnHistory;
use crate::outcome::percentiles::{Percentiles, percentiles};
use crate::outcome::summarise::Column;
use crate::outcome::{
    LifePaths, MemberPaths, MemberSummary, Mode, Record, TaxColumns, TaxPaths, summarise,
};
use crate::plan::ValidPlan;
use crate::plan::asset::ASSETS;

/// A rolling history's start years (calendar years), and those whose money
/// ran out, each with the age it ran out at.
pub type StartYears = (Vec<i32>, Vec<(i32, u32)>);

/// One plan of a set, run.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberResult {
    /// Its figures, as far as its [`Record`] asked.
    pub summary: MemberSummary,
    /// Paths run.
    pub paths: usize,
    /// The ages reported: its start age to its plan-to age.
    pub ages: Vec<u32>,
    /// A rolling history: the calendar year each path starts in, and those
    /// whose money ran out with the age it ran out at.
    pub start_years: Option<StartYears>,
    /// With bands: each path's depletion age (0: never) and final balance.
    pub path_ends: Option<(Vec<u32>, Vec<f64>)>,
    /// With bands, under a rule that adapts to the balance: each path's
    /// balance at retirement (what sets its spending), to rank paths by.
    pub at_retirement_usd: Option<Vec<f64>>,
    /// With taxes and bands: the taxed retirement years, by age, of the
    /// path whose lifetime tax is the median (the typical path of the tax
    /// figures: its marginal rates, its bracket room).
    pub median_tax_path: Option<Vec<(u32, TaxedYear)>>,
    /// With a private sleeve: what its paths paid and how far it strayed.
    pub private: Option<PrivatePathFigures>,
}

/// A private sleeve's figures over a member's paths (MODEL-v3 §18).
#[derive(Clone, Debug, PartialEq)]
pub struct PrivatePathFigures {
    /// Each path's fund fees (management and carry) over the whole plan,
    /// today's dollars: their percentiles.
    pub fees_usd: Percentiles<f64>,
    /// Each path's largest overshoot of the private target after
    /// rebalancing (0.04: 4 points above it): their percentiles.
    pub overshoot: Percentiles<f64>,
}

impl MemberResult {
    /// The marginal rate of each retirement year on the median tax path.
    pub fn marginal_rate_p50(&self) -> Option<Vec<f64>> {
        let years = self.median_tax_path.as_ref()?;
        Some(years.iter().map(|(_, t)| t.marginal_rate).collect())
    }
}

/// A set run: its mode and one result per plan, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct SetResult {
    /// Where the returns came from.
    pub mode: Mode,
    /// One result per plan.
    pub members: Vec<MemberResult>,
}

/// Runs `members` (each plan with what to keep of it) on the same market
/// paths: path k in year t sees the same returns in every plan (under each
/// plan's own assumptions). Plans identical in everything the year loop
/// uses run once. Bit-identical whatever the thread count and wherever a
/// plan sits in a set: each path draws from its own stream.
pub(super) fn run_set(
    members: &[(&ValidPlan, Record)],
    history: Option<&ReturnHistory>,
    workspace: &mut Workspace,
    control: &RunControl,
) -> Result<SetResult, SimulationError> {
    let plans: Vec<&ValidPlan> = members.iter().map(|(plan, _)| *plan).collect();
    let records: Vec<Record> = members.iter().map(|(_, record)| *record).collect();
    let schedules: Vec<Schedule> = plans.iter().map(|p| Schedule::new(p)).collect();
    let source = Source::new(&plans, &schedules, history)?;
    let dedupe = Dedupe::new(schedules, source, &records);
    let lanes = if workspace.batch_paths == 0 {
        LANES
    } else {
        workspace.batch_paths
    };
    let layout = BandLayout::new(&dedupe.schedules, &dedupe.keep_income);
    let run = SetRun {
        schedules: &dedupe.schedules,
        source: &dedupe.source,
        keep_bands: dedupe.keep_bands,
        layout: &layout,
        horizon: dedupe
            .schedules
            .iter()
            .map(Schedule::horizon)
            .max()
            .unwrap_or(0),
        lanes,
    };
    run_batches(&run, workspace, control)?;
    let members = summarise_members(&plans, &records, &dedupe, &run, workspace);
    let mode = match dedupe.source.kind {
        Kind::MonteCarlo { .. } => Mode::MonteCarlo,
        Kind::Rolling { .. } => Mode::HistoricalRolling,
        Kind::Bootstrap { .. } => Mode::HistoricalBootstrap,
    };
    Ok(SetResult { mode, members })
}

/// The members the year loop runs: plans it cannot tell apart (the same
/// schedule, model and paths) run once, for every plan that is one of them.
struct Dedupe {
    /// The schedules run, one per distinct member.
    schedules: Vec<Schedule>,
    /// The set's source, one entry per distinct member.
    source: Source,
    /// For each plan of the set, the distinct member that runs it.
    run_of: Vec<usize>,
    /// Whether any plan keeps its bands (then every member writes them).
    keep_bands: bool,
    /// For each distinct member, whether a plan it runs for keeps income.
    keep_income: Vec<bool>,
}

impl Dedupe {
    fn new(schedules: Vec<Schedule>, source: Source, records: &[Record]) -> Self {
        let mut unique: Vec<usize> = Vec::new();
        let mut run_of = Vec::with_capacity(schedules.len());
        for m in 0..schedules.len() {
            let same = unique.iter().position(|&u| {
                schedules[u] == schedules[m]
                    && source.model_of[u] == source.model_of[m]
                    && source.member_paths[u] == source.member_paths[m]
            });
            run_of.push(same.unwrap_or_else(|| {
                unique.push(m);
                unique.len() - 1
            }));
        }
        let keep_bands = records.iter().any(|r| r.keeps_bands());
        // A run member keeps its income if any plan it runs for asks for it.
        let keep_income: Vec<bool> = (0..unique.len())
            .map(|u| (0..records.len()).any(|m| run_of[m] == u && records[m].keeps_income()))
            .collect();
        let source = Source {
            member_paths: unique.iter().map(|&m| source.member_paths[m]).collect(),
            model_of: unique.iter().map(|&m| source.model_of[m]).collect(),
            ..source
        };
        Dedupe {
            schedules: unique.iter().map(|&m| schedules[m].clone()).collect(),
            source,
            run_of,
            keep_bands,
            keep_income,
        }
    }
}

/// Runs every batch of `run` in parallel into `workspace` (its batches'
/// results and, with bands, its balances), using or keeping Monte Carlo
/// growth factors where the workspace keeps them.
fn run_batches(
    run: &SetRun<'_>,
    workspace: &mut Workspace,
    control: &RunControl,
) -> Result<(), SimulationError> {
    let lanes = run.lanes;
    let paths = run.source.paths;
    let batches = paths.div_ceil(lanes);
    control.start(paths);
    let section = if run.keep_bands {
        run.layout.rows * lanes
    } else {
        0
    };
    // Kept growth factors: `Use` when this run's draws and models are those
    // they were made for, `Fill` when they can be kept, else `Off`.
    let growth_section = match &run.source.kind {
        Kind::MonteCarlo {
            models,
            crypto_needed,
            private_needed,
        } if workspace.keep_growth => {
            let section = run.horizon * models.len() * ASSETS * lanes;
            let bytes = batches * section * std::mem::size_of::<f64>();
            let key = GrowthKey {
                seed: run.source.seed,
                paths,
                lanes,
                horizon: run.horizon,
                models: models.clone(),
                crypto_needed: crypto_needed.clone(),
                private_needed: private_needed.clone(),
            };
            (bytes <= MAX_KEPT_GROWTH_BYTES).then_some((section, key))
        }
        _ => None,
    };
    let Workspace {
        batches: outs,
        balances,
        growth,
        growth_key,
        ..
    } = workspace;
    let growth_use = match &growth_section {
        Some((section, key)) => {
            let reuse = growth_key.as_ref() == Some(key);
            if !reuse {
                *growth_key = None;
                growth.clear();
                growth.resize(batches * section, 0.0);
            }
            Some((*section, reuse))
        }
        None => None,
    };
    outs.resize_with(batches.max(outs.len()), BatchOut::default);
    let balances = balance_cells(balances, batches * section);
    let mut sections: Vec<&mut [f64]> = if run.keep_bands {
        balances.chunks_mut(section).collect()
    } else {
        (0..batches).map(|_| <&mut [f64]>::default()).collect()
    };
    let mut kept: Vec<&mut [f64]> = match growth_use {
        Some((growth_section, _)) => growth.chunks_mut(growth_section).collect(),
        None => (0..batches).map(|_| <&mut [f64]>::default()).collect(),
    };
    let reuse = growth_use.is_some_and(|(_, reuse)| reuse);
    outs[..batches]
        .par_iter_mut()
        .zip(sections.par_iter_mut())
        .zip(kept.par_iter_mut())
        .enumerate()
        .for_each(|(batch, ((out, balances), kept))| {
            if control.is_cancelled() {
                return;
            }
            let cache = match (growth_use, reuse) {
                (None, _) => GrowthCache::Off,
                (Some(_), true) => GrowthCache::Use(kept),
                (Some(_), false) => GrowthCache::Fill(kept),
            };
            run.run_batch(batch, out, balances, cache);
            control.done(out.lanes);
        });
    if control.is_cancelled() {
        *growth_key = None;
        return Err(SimulationError::Cancelled);
    }
    if let Some((_, key)) = growth_section {
        *growth_key = Some(key);
    }
    Ok(())
}

/// Each plan's figures from the batches `run_batches` left in `workspace`,
/// as far as its record asks, in parallel.
fn summarise_members(
    plans: &[&ValidPlan],
    records: &[Record],
    dedupe: &Dedupe,
    run: &SetRun<'_>,
    workspace: &Workspace,
) -> Vec<MemberResult> {
    let lanes = run.lanes;
    let batches = run.source.paths.div_ceil(lanes);
    let section = if run.keep_bands {
        run.layout.rows * lanes
    } else {
        0
    };
    let outs = &workspace.batches[..batches];
    let balances: &[f64] = &workspace.balances;
    let keep_bands = run.keep_bands;
    let layout = run.layout;
    (0..plans.len())
        .into_par_iter()
        .map(|m| {
            let u = dedupe.run_of[m];
            let record = records[m];
            let n = dedupe.source.member_paths[u];
            let depleted_at = gather(outs, u, n, |o| &o.depleted_at);
            let first_income = gather(outs, u, n, |o| &o.first_income);
            let essential_met = dedupe.schedules[u]
                .essential_usd
                .map(|_| gather(outs, u, n, |o| &o.essential_met));
            let at_retirement = gather(outs, u, n, |o| &o.at_retirement);
            let worst = dedupe.schedules[u]
                .has_sleeve
                .then(|| gather(outs, u, n, |o| &o.worst_crypto));
            let balance_rows = Rows {
                outs,
                balances,
                section,
                paths: n,
                first: layout.first_row[u],
            };
            let income_rows = Rows {
                first: layout.first_income_row[u].unwrap_or(0),
                ..balance_rows
            };
            let column: &Column<'_> = &move |t, chunks| balance_rows.list(t, chunks);
            let income_column: &Column<'_> = &move |t, chunks| income_rows.list(t, chunks);
            let schedule = &dedupe.schedules[u];
            let taxed = schedule.tax.is_some();
            let tax_of = |field: fn(&BatchOut) -> &[f64]| {
                if taxed {
                    gather(outs, u, n, field)
                } else {
                    Vec::new()
                }
            };
            let lifetime_tax = tax_of(|o| &o.lifetime_tax);
            let first_after_tax = tax_of(|o| &o.first_income_after_tax);
            let kinds = [
                tax_of(|o| &o.at_retirement_kinds[0]),
                tax_of(|o| &o.at_retirement_kinds[1]),
                tax_of(|o| &o.at_retirement_kinds[2]),
            ];
            // The tax rows: TAX_ROWS blocks of one row per year.
            let tax_first = layout.first_tax_row[u].filter(|_| keep_bands);
            let [r0, r1, r2, r3, r4, r5]: [Rows<'_>; TAX_ROWS] = std::array::from_fn(|k| Rows {
                first: tax_first.unwrap_or(0) + k * schedule.horizon(),
                ..balance_rows
            });
            let after_tax: &Column<'_> = &move |t, chunks| r0.list(t, chunks);
            let federal: &Column<'_> = &move |t, chunks| r1.list(t, chunks);
            let state: &Column<'_> = &move |t, chunks| r2.list(t, chunks);
            let rmd: &Column<'_> = &move |t, chunks| r3.list(t, chunks);
            let conversion: &Column<'_> = &move |t, chunks| r4.list(t, chunks);
            let effective_rate: &Column<'_> = &move |t, chunks| r5.list(t, chunks);
            let lives = schedule.lives.as_ref();
            let lived = |field: fn(&BatchOut) -> &[u32]| {
                lives.map_or_else(Vec::new, |_| gather(outs, u, n, field))
            };
            let last_age = lived(|o| &o.last_age);
            let alone_from = lived(|o| &o.alone_from);
            let death_ages = lives.map_or_else(Vec::new, |_| gather(outs, u, n, |o| &o.death_ages));
            let left = lives.map_or_else(Vec::new, |_| gather(outs, u, n, |o| &o.left_usd));
            let plan = plans[m];
            let ages: Vec<u32> = plan.ages().collect();
            let summary = summarise(
                &MemberPaths {
                    ages: &ages,
                    retirement_age: plan.saver.retirement_age,
                    depleted_at: &depleted_at,
                    first_income_usd: &first_income,
                    at_retirement_usd: &at_retirement,
                    worst_crypto_growth: worst.as_deref(),
                    column: keep_bands.then_some(column),
                    income_column: (keep_bands && layout.first_income_row[u].is_some())
                        .then_some(income_column),
                    essential_met: essential_met.as_deref(),
                    taxes: taxed.then(|| TaxPaths {
                        lifetime_tax_usd: &lifetime_tax,
                        first_income_after_tax_usd: &first_after_tax,
                        at_retirement_usd: [&kinds[0], &kinds[1], &kinds[2]],
                        columns: tax_first.map(|_| TaxColumns {
                            income_after_tax: after_tax,
                            federal,
                            state,
                            rmd,
                            conversion,
                            effective_rate,
                        }),
                    }),
                    lives: lives.map(|l| LifePaths {
                        last_age: &last_age,
                        death_ages: &death_ages,
                        left_usd: &left,
                        drawn: l.drawn(),
                        alone_from: l.couple().then_some(&alone_from[..]),
                    }),
                },
                record,
            );
            let median_tax_path = (taxed && keep_bands).then(|| {
                median_tax_path(&lifetime_tax).map_or_else(Vec::new, |path| {
                    run.explain_path(u, path)
                        .iter()
                        .filter_map(|year| Some((year.age, year.trace?.taxed?)))
                        .collect()
                })
            });
            let start_years = dedupe.source.first_year.map(|first_year| {
                let starts: Vec<i32> = (0..n).map(|k| first_year + k as i32).collect();
                let failed = starts
                    .iter()
                    .zip(&depleted_at)
                    .filter(|(_, at)| **at != 0)
                    .map(|(year, at)| (*year, *at))
                    .collect();
                (starts, failed)
            });
            // A path's end: its final balance, or with lifespans the money
            // left when the last of them died.
            let path_ends = keep_bands.then(|| {
                let finals: Vec<f64> = if lives.is_some() {
                    left.clone()
                } else {
                    let mut chunks = Vec::new();
                    column(ages.len() - 1, &mut chunks);
                    chunks.concat()
                };
                (depleted_at.clone(), finals)
            });
            let private = schedule.private.map(|_| PrivatePathFigures {
                fees_usd: percentiles(&gather(outs, u, n, |o| &o.private_fees_usd)),
                overshoot: percentiles(&gather(outs, u, n, |o| &o.private_overshoot)),
            });
            let at_retirement_usd = (keep_bands
                && plan.retirement.withdrawal.adapts_to_the_balance())
            .then(|| at_retirement.clone());
            MemberResult {
                at_retirement_usd,
                private,
                summary,
                paths: n,
                ages,
                start_years,
                path_ends,
                median_tax_path,
            }
        })
        .collect()
}

/// The path whose lifetime tax is the median (the lower one of an even
/// count), if there are paths.
fn median_tax_path(lifetime_tax: &[f64]) -> Option<usize> {
    let mut order: Vec<usize> = (0..lifetime_tax.len()).collect();
    let rank = order.len().checked_sub(1)? / 2;
    order.select_nth_unstable_by(rank, |&a, &b| {
        lifetime_tax[a].total_cmp(&lifetime_tax[b]).then(a.cmp(&b))
    });
    Some(order[rank])
}

/// One run member's rows in the balances: row `first + t` of every
/// batch's section, `paths` values in all.
#[derive(Clone, Copy)]
struct Rows<'a> {
    outs: &'a [BatchOut],
    balances: &'a [f64],
    section: usize,
    paths: usize,
    first: usize,
}

impl<'a> Rows<'a> {
    /// The slices that hold row `first + t`, batch after batch.
    fn list(&self, t: usize, chunks: &mut Vec<&'a [f64]>) {
        chunks.clear();
        let mut listed = 0;
        for (batch, out) in self.outs.iter().enumerate() {
            let take = self.paths.saturating_sub(listed).min(out.lanes);
            let start = batch * self.section + (self.first + t) * out.lanes;
            chunks.push(&self.balances[start..start + take]);
            listed += take;
        }
    }
}

/// Run member `u`'s values of one field, its `n` paths in path order,
/// from the batches' results.
fn gather<T: Copy>(
    outs: &[BatchOut],
    u: usize,
    n: usize,
    field: impl Fn(&BatchOut) -> &[T],
) -> Vec<T> {
    let mut all = Vec::with_capacity(n);
    for out in outs {
        let lanes = out.lanes;
        let take = n.saturating_sub(all.len()).min(lanes);
        all.extend_from_slice(&field(out)[u * lanes..u * lanes + take]);
    }
    all
}
