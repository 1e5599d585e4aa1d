//! Engine v2: sets of plans on the same draws. A member equals the same
//! plan run alone, bit for bit; identical plans give identical outcomes;
//! nothing depends on the batch size, the thread count or what else is in
//! the set; what is not recorded is not computed but what is recorded does
//! not change.

// In tests a failed unwrap is a failed test, with its reason.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use glidepath::engine::{MemberResult, RunControl, Runner, Workspace};
use glidepath::outcome::{Levels, Record};
use glidepath::plan::sleeve::{Rebalance, Sleeve};
use glidepath::plan::withdrawal::Withdrawal;
use glidepath::plan::{Plan, ValidPlan, validate};

fn valid(plan: &Plan) -> ValidPlan {
    validate(plan).expect("a valid plan")
}

fn base(paths: u32) -> Plan {
    let mut plan = Plan::sample();
    plan.simulation.paths = paths;
    plan.allocation.sleeve = Some(Sleeve {
        weight: 0.04,
        weight_at_retirement: 0.02,
        rebalance: Rebalance::Never,
    });
    plan
}

/// Variants that change the schedule, the sleeve, the rule and the model.
fn variants(paths: u32) -> Vec<Plan> {
    let b = base(paths);
    let mut later = b.clone();
    later.saver.retirement_age = 67;
    let mut no_sleeve = b.clone();
    no_sleeve.allocation.sleeve = None;
    let mut rate = b.clone();
    rate.retirement.withdrawal = Withdrawal::InitialRate(0.045);
    let mut optimist = b.clone();
    optimist.assumptions.crypto.mean = 0.2;
    let mut older = b.clone();
    older.saver.age = 50;
    vec![b, later, no_sleeve, rate, optimist, older]
}

fn run(plans: &[ValidPlan], record: Record, workspace: &mut Workspace) -> Vec<MemberResult> {
    let members: Vec<(&ValidPlan, Record)> = plans.iter().map(|p| (p, record)).collect();
    Runner::new(workspace, &RunControl::new())
        .set(&members)
        .expect("runs")
        .members
}

#[test]
fn a_member_of_a_set_equals_the_plan_run_alone() {
    let plans: Vec<ValidPlan> = variants(1_500).iter().map(valid).collect();
    let record = Record::Bands(Levels::ALL);
    let together = run(&plans, record, &mut Workspace::default());
    for (plan, member) in plans.iter().zip(&together) {
        let alone = run(
            std::slice::from_ref(plan),
            record,
            &mut Workspace::default(),
        );
        assert_eq!(alone[0], *member, "{}", plan.name);
    }
}

#[test]
fn identical_plans_give_identical_outcomes_and_run_once() {
    let plan = valid(&base(1_000));
    let results = run(
        &[plan.clone(), plan.clone(), plan],
        Record::Bands(Levels::ALL),
        &mut Workspace::default(),
    );
    assert_eq!(results[0], results[1]);
    assert_eq!(results[1], results[2]);
}

#[test]
fn nothing_depends_on_the_batch_size_or_the_thread_count() {
    let plans: Vec<ValidPlan> = variants(1_234).iter().map(valid).collect();
    let record = Record::Bands(Levels::ALL);
    let reference = run(&plans, record, &mut Workspace::default());
    for batch_paths in [1, 7, 64, 1_000, 5_000] {
        let got = run(
            &plans,
            record,
            &mut Workspace::with_batch_paths(batch_paths),
        );
        assert_eq!(got, reference, "batches of {batch_paths}");
    }
    for threads in [1, 3] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let got = pool.install(|| run(&plans, record, &mut Workspace::default()));
        assert_eq!(got, reference, "{threads} threads");
    }
}

#[test]
fn a_kept_workspace_gives_the_same_numbers_run_after_run() {
    let mut workspace = Workspace::default();
    let small = valid(&base(700));
    let large = valid(&base(3_000));
    let first = Runner::new(&mut workspace, &RunControl::new())
        .simulate(&large)
        .unwrap();
    Runner::new(&mut workspace, &RunControl::new())
        .simulate(&small)
        .unwrap();
    let again = Runner::new(&mut workspace, &RunControl::new())
        .simulate(&large)
        .unwrap();
    assert_eq!(first, again);
    let fresh = glidepath::simulate(&large, &RunControl::new()).unwrap();
    assert_eq!(first, fresh);
}

#[test]
fn recording_less_changes_nothing_recorded() {
    let plans: Vec<ValidPlan> = variants(900).iter().map(valid).collect();
    let bands = run(
        &plans,
        Record::Bands(Levels::ALL),
        &mut Workspace::default(),
    );
    let summary = run(&plans, Record::Summary, &mut Workspace::default());
    let success = run(&plans, Record::Success, &mut Workspace::default());
    let two = run(
        &plans,
        Record::Bands(Levels::MEDIAN_AND_BAD_CASE),
        &mut Workspace::default(),
    );
    for (((b, s), o), t) in bands.iter().zip(&summary).zip(&success).zip(&two) {
        assert!(s.summary.bands.is_none() && o.summary.retirement.is_none());
        assert_eq!(b.summary.success_probability, o.summary.success_probability);
        assert_eq!(b.summary.survival, s.summary.survival);
        assert_eq!(b.summary.retirement, s.summary.retirement);
        let (full, partial) = (
            b.summary.bands.as_ref().unwrap(),
            t.summary.bands.as_ref().unwrap(),
        );
        assert_eq!(full.p50, partial.p50);
        assert_eq!(full.p10, partial.p10);
        assert!(
            partial.p95.iter().all(|v| v.is_nan()),
            "not asked, not made"
        );
    }
}

#[test]
fn the_comparison_without_the_sleeve_is_the_plan_without_its_sleeve() {
    let plan = valid(&base(2_000));
    let outcome = glidepath::simulate(&plan, &RunControl::new()).unwrap();
    let alone = glidepath::simulate(&plan.without_sleeve(), &RunControl::new()).unwrap();
    assert_eq!(outcome.without_sleeve.as_ref(), Some(&alone.portfolio));
}

#[test]
fn a_set_must_share_its_simulation() {
    let a = valid(&base(1_000));
    let mut other = base(1_000);
    other.simulation.seed = 7;
    let b = valid(&other);
    let error = Runner::new(&mut Workspace::default(), &RunControl::new())
        .set(&[(&a, Record::Success), (&b, Record::Success)])
        .unwrap_err();
    assert!(error.to_string().contains("same paths, seed"), "{error}");
}

#[test]
fn kept_growth_factors_give_the_bits_the_draws_give() {
    let plans: Vec<ValidPlan> = variants(1_300).iter().map(valid).collect();
    let record = Record::Bands(Levels::ALL);
    let fresh = run(&plans, record, &mut Workspace::default());
    let mut kept = Workspace::default();
    kept.keep_growth(true);
    let filled = run(&plans, record, &mut kept);
    assert_eq!(filled, fresh, "while keeping");
    // Another plan on the same market reads the kept factors.
    let mut other = base(1_300);
    other.contributions.employee_rate = 0.15;
    let other = valid(&other);
    let used = run(std::slice::from_ref(&other), record, &mut kept);
    let alone = run(
        std::slice::from_ref(&other),
        record,
        &mut Workspace::default(),
    );
    assert_eq!(used, alone, "from the kept factors");
    // Other assumptions make their own.
    let mut calmer = base(1_300);
    calmer.assumptions.stocks.volatility = 0.1;
    let calmer = valid(&calmer);
    assert_eq!(
        run(std::slice::from_ref(&calmer), record, &mut kept),
        run(
            std::slice::from_ref(&calmer),
            record,
            &mut Workspace::default()
        )
    );
}
