//! The Retirement group: the withdrawal rule and its amount or rate,
//! Social Security by claiming age, a spouse, and pensions, annuities and
//! planned expenses. Amounts are in today's dollars; an income need is
//! after tax when the plan's taxes say so, the rest before tax.

use egui::{ComboBox, Grid, Ui};

use super::Form;
use crate::plan::income::IncomeStream;
use crate::plan::lever::path;
use crate::plan::lifespan::SurvivorStory;
use crate::plan::social_security::{Benefit, MAX_CLAIM_AGE, MIN_CLAIM_AGE, SocialSecurity, Spouse};
use crate::plan::withdrawal::{FloorCeiling, Guardrails, Vpw, Withdrawal};
use crate::plan::{Lever, Plan};
use crate::units::usd;

/// The rules a saver can choose, each with its name and what it does.
const RULES: [(&str, &str); 6] = [
    (
        "A yearly income need",
        "You need this much a year in total before tax; Social Security, a spouse's benefit and other income count toward it, and the account pays the rest.",
    ),
    (
        "The 4% rule",
        "The account pays the same share of the balance you retire with every year, in today's dollars, whatever markets do (Bengen, 1994). Other income comes on top.",
    ),
    (
        "A percent of balance",
        "A share of each year's balance: it never runs out, but income moves with markets. Other income comes on top.",
    ),
    (
        "Guardrails",
        "Guyton and Klinger (2006): start at a share of the balance you retire with, keep that spending in today's dollars, cut it when the withdrawal rate rises above the upper rail and raise it when it falls below the lower rail (no cuts in the last years). Other income comes on top.",
    ),
    (
        "VPW",
        "Variable percentage withdrawal (Bogleheads): each year spend the payment an annuity of the balance would make over the years left at an assumed return; it spends everything by the plan-to age and never runs out. Other income comes on top.",
    ),
    (
        "Floor and ceiling",
        "Vanguard's dynamic spending: a share of each year's balance, but never more than the ceiling above last year's spending nor less than the floor below it. Other income comes on top.",
    ),
];

fn rule_index(w: &Withdrawal) -> usize {
    match w {
        Withdrawal::FixedReal(_) => 0,
        Withdrawal::InitialRate(_) => 1,
        Withdrawal::PercentOfBalance(_) => 2,
        Withdrawal::Guardrails(_) => 3,
        Withdrawal::Vpw(_) => 4,
        Withdrawal::FloorCeiling(_) => 5,
    }
}

fn default_rule(index: usize) -> Withdrawal {
    match index {
        0 => Withdrawal::FixedReal(60_000.0),
        1 => Withdrawal::InitialRate(0.04),
        2 => Withdrawal::PercentOfBalance(0.04),
        3 => Withdrawal::Guardrails(Guardrails::default()),
        4 => Withdrawal::Vpw(Vpw::default()),
        _ => Withdrawal::FloorCeiling(FloorCeiling::default()),
    }
}

/// Where the PIA is written, for the tooltip.
const WHERE_PIA: &str = "The monthly benefit at full retirement age on your Social Security statement (sign in at ssa.gov/myaccount: \"Plan for retirement\"), in today's dollars, before tax";
const WHICH_FRA: &str = "67 if born in 1960 or later, 66 if born 1943 to 1954; for the years between, the nearer whole age";

pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    withdrawal(ui, form, plan);
    ui.add_space(4.0);
    social_security(ui, form, plan);
    ui.add_space(4.0);
    spouse(ui, form, plan);
    ui.add_space(4.0);
    incomes(ui, form, plan);
}

fn withdrawal(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let current = rule_index(&plan.retirement.withdrawal);
    // With taxes (after tax), the need is what is left to spend.
    let after_tax = plan
        .taxes
        .as_ref()
        .is_some_and(|t| t.spending == crate::plan::taxes::Spending::AfterTax);
    let basis = if after_tax { "after tax" } else { "before tax" };
    Grid::new("retirement").num_columns(2).show(ui, |ui| {
        let withdrawal = &mut plan.retirement.withdrawal;
        form.row(
            ui,
            "Withdrawal",
            "How much the account pays each year; each rule's explanation is below it",
            path::WITHDRAWAL,
            |ui| {
                ComboBox::from_id_salt("withdrawal")
                    .selected_text(RULES[current].0)
                    .show_ui(ui, |ui| {
                        for (index, (name, what)) in RULES.iter().enumerate() {
                            if ui
                                .selectable_label(current == index, *name)
                                .on_hover_text(*what)
                                .clicked()
                                && current != index
                            {
                                *withdrawal = default_rule(index);
                            }
                        }
                    })
                    .response
            },
        );
        form.lever(
            ui,
            plan,
            Lever::SpendingAmount,
            "Income you need",
            &format!("A year to spend, {basis}, in today's dollars, Social Security and other income included"),
        );
        let (rate_label, rate_tooltip) = match plan.retirement.withdrawal {
            Withdrawal::Guardrails(_) => ("Initial rate", "The share of the balance at retirement withdrawn in the first year"),
            Withdrawal::FloorCeiling(_) => ("Share of the balance", "The share of each year's balance the rule aims to spend, held between the two limits below"),
            _ => ("Withdrawal rate", "The share of the balance withdrawn"),
        };
        form.lever(ui, plan, Lever::WithdrawalRate, rate_label, rate_tooltip);
        form.lever(ui, plan, Lever::GuardrailsUpper, "Upper rail", "Cut when the withdrawal rate is this much above the initial rate (20%: a 5% start is cut above 6%)");
        form.lever(ui, plan, Lever::GuardrailsLower, "Lower rail", "Raise when the withdrawal rate is this much below the initial rate (20%: a 5% start is raised below 4%)");
        form.lever(ui, plan, Lever::GuardrailsAdjustment, "Each move", "How much spending is cut or raised at a rail");
        form.lever(ui, plan, Lever::GuardrailsYearsLeft, "No cuts in the last", "No cut once this few years are left to the plan-to age");
        form.lever(ui, plan, Lever::VpwReturn, "Return assumed", "The real return VPW's annuity payment assumes (Bogleheads use about 3.5% for a balanced mix)");
        form.lever(ui, plan, Lever::FloorCeilingCeiling, "Rise at most, a year", "The ceiling: spending rises at most this much above last year's (5%: $40,000 can become at most $42,000)");
        form.lever(ui, plan, Lever::FloorCeilingFloor, "Fall at most, a year", "The floor: spending falls at most this much below last year's (2.5%: $40,000 becomes at least $39,000)");
        let mut essential = plan.retirement.essential.is_some();
        form.row(
            ui,
            "Essential income",
            &format!("The income {basis} you cannot do without (housing, food, care). Glidepath measures the chance your total income never falls below it; it does not change the withdrawals"),
            Lever::Essential.path(),
            |ui| ui.checkbox(&mut essential, "Measure"),
        );
        if essential != plan.retirement.essential.is_some() {
            plan.retirement.essential = essential.then_some(40_000.0);
        }
        form.lever(ui, plan, Lever::Essential, "At least", &format!("A year, {basis}, in today's dollars"));
    });
    let what = if current == 0 && after_tax {
        "You need this much a year to spend after federal and state tax; Social Security, a spouse's benefit and other income count toward it, and the account pays the rest and the tax on it."
    } else {
        RULES[current].1
    };
    ui.label(egui::RichText::new(what).small().weak());
}

/// "$1,400 a month at 62, $2,000 at 67, $2,480 at 70", before tax.
pub fn benefit_line(benefit: &Benefit, whose: &str) -> String {
    let monthly = |age: u32| usd(benefit.annual_at(age) / 12.0);
    let fra = benefit.full_retirement_age;
    let mut ages = vec![MIN_CLAIM_AGE, fra, MAX_CLAIM_AGE];
    if !ages.contains(&benefit.claim_age) {
        ages.push(benefit.claim_age);
        ages.sort_unstable();
    }
    let parts: Vec<String> = ages
        .iter()
        .enumerate()
        .map(|(i, &age)| {
            let chosen = if age == benefit.claim_age {
                format!(" ({whose})")
            } else {
                String::new()
            };
            if i == 0 {
                format!("{} a month at {age}{chosen}", monthly(age))
            } else {
                format!("{} at {age}{chosen}", monthly(age))
            }
        })
        .collect();
    format!("{}, before tax", parts.join(", "))
}

fn social_security(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let mut switch = false;
    Grid::new("social security").num_columns(2).show(ui, |ui| {
        let social_security = &mut plan.retirement.social_security;
        let mut on = social_security.is_some();
        form.row(
            ui,
            "Social Security",
            "Include your Social Security benefit",
            path::SOCIAL_SECURITY,
            |ui| ui.checkbox(&mut on, "Include"),
        );
        if on != social_security.is_some() {
            *social_security = on.then(|| {
                SocialSecurity::Claimed(Benefit {
                    pia: 2_000.0,
                    ..Benefit::default()
                })
            });
        }
        form.lever(ui, plan, Lever::SocialSecurityPia, "Monthly benefit at full retirement age", WHERE_PIA);
        form.lever(
            ui,
            plan,
            Lever::SocialSecurityClaimAge,
            "Claiming age",
            "The age you start your benefit, 62 to 70: each year earlier pays less for life, each year later pays more, up to 70",
        );
        form.lever(ui, plan, Lever::SocialSecurityFullRetirementAge, "Full retirement age", WHICH_FRA);
        form.lever(
            ui,
            plan,
            Lever::SocialSecurityAnnual,
            "Benefit a year",
            "Your estimated benefit from ssa.gov, in today's dollars, before tax",
        );
        form.lever(
            ui,
            plan,
            Lever::SocialSecurityFromAge,
            "Benefit from age",
            "The age your benefit starts (62 to 70)",
        );
    });
    match &plan.retirement.social_security {
        Some(SocialSecurity::Claimed(benefit)) => {
            ui.label(benefit_line(benefit, "yours"));
        }
        Some(fixed @ SocialSecurity::Fixed { .. }) => {
            let same = fixed.to_claimed();
            switch = ui
                .button("Use the benefit on your SSA statement instead")
                .on_hover_text(format!(
                    "Enter the monthly benefit at full retirement age and a claiming age, so you can see what claiming earlier or later pays. Your benefit stays the same: {} a month at full retirement age, claimed at {}",
                    usd(same.pia),
                    same.claim_age
                ))
                .clicked();
        }
        None => {}
    }
    if switch && let Some(ss) = &mut plan.retirement.social_security {
        *ss = SocialSecurity::Claimed(ss.to_claimed());
    }
}

fn spouse(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let mut on = plan.retirement.spouse.is_some();
    Grid::new("spouse").num_columns(2).show(ui, |ui| {
        form.row(
            ui,
            "Spouse",
            "A spouse or partner with their own Social Security; each may get a spousal top-up from the other's benefit",
            path::SPOUSE,
            |ui| ui.checkbox(&mut on, "Include a spouse"),
        );
        if on != plan.retirement.spouse.is_some() {
            plan.retirement.spouse = on.then_some(Spouse {
                age: plan.saver.age,
                pia: 1_000.0,
                claim_age: 67,
                full_retirement_age: 67,
                sex: None,
            });
        }
        form.lever(ui, plan, Lever::SpouseAge, "Spouse's age", "Their age today");
        if let Some(spouse) = plan.retirement.spouse.as_mut() {
            form.row(
                ui,
                "Spouse's sex",
                "Only for the life table: with both given, the hint beside the plan-to age is the couple's",
                path::SPOUSE_SEX,
                |ui| super::saver::sex_choice(ui, "spouse sex", &mut spouse.sex),
            );
        }
        form.lever(ui, plan, Lever::SpousePia, "Their monthly benefit at full retirement age", WHERE_PIA);
        form.lever(
            ui,
            plan,
            Lever::SpouseClaimAge,
            "Their claiming age",
            "The age they start their benefit, 62 to 70",
        );
        form.lever(ui, plan, Lever::SpouseFullRetirementAge, "Their full retirement age", WHICH_FRA);
    });
    if let Some(spouse) = &plan.retirement.spouse {
        ui.label(format!(
            "Theirs: {}",
            benefit_line(&spouse.benefit(), "their claim")
        ));
        survivors(ui, form, plan);
        if matches!(
            plan.retirement.social_security,
            Some(SocialSecurity::Fixed { .. })
        ) && ui
            .button("Use the benefit on your SSA statement")
            .on_hover_text(
                "The spousal top-up is half of your monthly benefit at full retirement age",
            )
            .clicked()
            && let Some(ss) = &mut plan.retirement.social_security
        {
            *ss = SocialSecurity::Claimed(ss.to_claimed());
        }
    }
}

/// After a death in a couple: the survivor's share of the need, a fixed
/// story of one death, and what is (and is not) modelled.
fn survivors(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    #[derive(Clone, Copy, PartialEq)]
    enum Story {
        None,
        Saver,
        Spouse,
    }
    let r = &plan.retirement;
    let mut story = match r.survivor {
        Some(SurvivorStory {
            saver_dies_at: Some(_),
            ..
        }) => Story::Saver,
        Some(SurvivorStory {
            spouse_dies_at: Some(_),
            ..
        }) => Story::Spouse,
        _ => Story::None,
    };
    let before = story;
    Grid::new("survivors").num_columns(2).show(ui, |ui| {
        form.lever(
            ui,
            plan,
            Lever::SurvivorNeed,
            "Survivor's share of the need",
            "After a death, the income need falls to this share of itself (three quarters is a common planning figure)",
        );
        form.row(
            ui,
            "A death in the story",
            "See one story: the saver or the spouse dies at an age you choose, on every future. With lifespans from the table (under Simulation), deaths are drawn instead",
            path::SURVIVOR,
            |ui| {
                ComboBox::from_id_salt("survivor story")
                    .selected_text(match story {
                        Story::None => "None",
                        Story::Saver => "You die at…",
                        Story::Spouse => "Your spouse dies at…",
                    })
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut story, Story::None, "None");
                        ui.selectable_value(&mut story, Story::Saver, "You die at…");
                        ui.selectable_value(&mut story, Story::Spouse, "Your spouse dies at…");
                    })
                    .response
            },
        );
        let spouse_age = plan.retirement.spouse.as_ref().map_or(plan.saver.age, |s| s.age);
        if story != before {
            plan.retirement.survivor = match story {
                Story::None => None,
                Story::Saver => Some(SurvivorStory {
                    saver_dies_at: Some(85.max(plan.saver.age)),
                    spouse_dies_at: None,
                }),
                Story::Spouse => Some(SurvivorStory {
                    saver_dies_at: None,
                    spouse_dies_at: Some(85.max(spouse_age)),
                }),
            };
        }
        if let Some(story) = plan.retirement.survivor.as_mut() {
            for (at, field, label) in [
                (&mut story.saver_dies_at, path::SAVER_DIES_AT, "Your age at death"),
                (&mut story.spouse_dies_at, path::SPOUSE_DIES_AT, "Their age at death"),
            ] {
                if let Some(age) = at {
                    form.row(ui, label, "The year of death is still a year of need; the survivor's year starts the next", field, |ui| {
                        ui.add(egui::DragValue::new(age).speed(0.1).update_while_editing(false))
                    });
                }
            }
        }
    });
    ui.add(
        egui::Label::new(
            egui::RichText::new(
                "After a death the survivor keeps the larger of the two Social Security benefits (at least 82.5% of the deceased's when they claimed early), a pension pays its survivor share, and the survivor files single from the next year. Not modelled: claiming a survivor's benefit before full retirement age, remarriage",
            )
            .small()
            .weak(),
        )
        .wrap(),
    );
}

fn incomes(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    ui.label("Pensions, annuities and planned expenses").on_hover_text(
        "Income from elsewhere (a pension, an annuity, rent) and planned expenses (college, a car, care), in the saver's ages, before tax. Counted in retirement years",
    );
    form.problem_at(ui, path::INCOME);
    let mut remove = None;
    let taxed = plan.taxes.is_some();
    let couple = plan.retirement.spouse.is_some();
    for (i, stream) in plan.retirement.income.iter_mut().enumerate() {
        ui.push_id(i, |ui| {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                stream_row(ui, stream, &mut remove, i, taxed);
                if couple && stream.annual > 0.0 {
                    survivor_share(ui, stream);
                }
                for field in ["name", "annual", "from_age", "until_age", "survivor_share"] {
                    form.problem_at(ui, &format!("{}[{i}].{field}", path::INCOME));
                }
            });
        });
    }
    if let Some(i) = remove {
        plan.retirement.income.remove(i);
    }
    ui.horizontal(|ui| {
        let from_age = plan.saver.retirement_age;
        if ui
            .button("Add an income")
            .on_hover_text("A pension, an annuity, rent")
            .clicked()
        {
            plan.retirement.income.push(IncomeStream {
                name: "Pension".into(),
                annual: 12_000.0,
                from_age,
                until_age: None,
                inflation_adjusted: true,
                taxable: true,
                survivor_share: 0.0,
            });
        }
        if ui
            .button("Add an expense")
            .on_hover_text("College, a car, care: paid from the account on top")
            .clicked()
        {
            plan.retirement.income.push(IncomeStream {
                name: "Expense".into(),
                annual: -10_000.0,
                from_age,
                until_age: Some(from_age + 3),
                inflation_adjusted: true,
                taxable: true,
                survivor_share: 0.0,
            });
        }
    });
}

/// One income or expense: its name, amount, ages and indexation (and, for
/// an income of a plan with taxes, whether it is taxed).
fn stream_row(
    ui: &mut Ui,
    stream: &mut IncomeStream,
    remove: &mut Option<usize>,
    i: usize,
    taxed: bool,
) {
    let expense = stream.annual < 0.0;
    ui.horizontal(|ui| {
        let label = ui.label(if expense { "Expense" } else { "Income" });
        ui.add(egui::TextEdit::singleline(&mut stream.name).desired_width(140.0))
            .labelled_by(label.id);
        if ui.button("Remove").clicked() {
            *remove = Some(i);
        }
    });
    ui.horizontal(|ui| {
        let mut amount = stream.annual.abs();
        let label = ui.label("A year");
        if ui
            .add(crate::app::inputs::money(&mut amount))
            .labelled_by(label.id)
            .changed()
        {
            stream.annual = if expense { -amount } else { amount };
        }
        age_field(ui, "from age", &mut stream.from_age);
    });
    ui.horizontal(|ui| {
        let mut for_life = stream.until_age.is_none();
        if ui.checkbox(&mut for_life, "For life").changed() {
            stream.until_age = (!for_life).then_some(stream.from_age.saturating_add(3));
        }
        if let Some(until) = &mut stream.until_age {
            age_field(ui, "until age", until);
        }
        ui.checkbox(&mut stream.inflation_adjusted, "Keeps up with inflation")
            .on_hover_text(
                "Off: a fixed dollar amount, worth less each year by inflation (many pensions)",
            );
    });
    if taxed && !expense {
        ui.checkbox(&mut stream.taxable, "Taxed as income").on_hover_text(
            "Pensions and most annuity payments are taxed as ordinary income; off for income that is not taxed (a Roth annuity, a gift)",
        );
    }
}

/// What an income pays the spouse after the saver's death, 0 to 100%.
fn survivor_share(ui: &mut Ui, stream: &mut IncomeStream) {
    ui.horizontal(|ui| {
        let label = ui.label("Pays the survivor").on_hover_text(
            "After your death, the share of it your spouse keeps: 0% for a single-life pension or annuity, 50% or 100% for a joint-and-survivor one",
        );
        let mut percent = stream.survivor_share * 100.0;
        if ui
            .add(
                egui::DragValue::new(&mut percent)
                    .range(0.0..=100.0)
                    .suffix("%")
                    .speed(1.0),
            )
            .labelled_by(label.id)
            .changed()
        {
            stream.survivor_share = percent / 100.0;
        }
    });
}

/// A whole age after its label; validation says if it is out of range.
fn age_field(ui: &mut Ui, label: &str, age: &mut u32) {
    let label = ui.label(label);
    ui.add(
        egui::DragValue::new(age)
            .speed(0.1)
            .update_while_editing(false),
    )
    .labelled_by(label.id);
}
