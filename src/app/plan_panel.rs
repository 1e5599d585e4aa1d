//! The plan, on the left: every input of the saver's plan, grouped, each
//! with a tooltip in plain English. It edits the plan and nothing else;
//! what the numbers mean comes from the library.

use egui::{CollapsingHeader, ComboBox, Grid, Slider, SliderClamping, Ui};

use super::Command;
use super::inputs::{Form, age, money, rate, share};
use super::money::{percent, usd};
use super::theme;
use crate::defaults::shipped;
use crate::market::crypto_alone;
use crate::plan::{HistoryMode, Plan, Returns};
use crate::retirement::{SocialSecurity, Withdrawal};
use crate::sleeve::{Rebalance, Sleeve};
use crate::validation::Problem;

/// The panel's own state: what is not part of the plan.
#[derive(Default)]
pub struct PlanPanel {
    /// Lets the sleeve's slider go to 50% instead of 10%.
    pub allow_more_crypto: bool,
    /// The sentence on crypto alone, for the assumptions it was computed from.
    crypto_sentence: Option<(String, String)>,
}

impl PlanPanel {
    /// Edits `plan`; actions that need the app (a file dialog) are queued
    /// in `commands`. `run_error` is why the engine could not run the plan.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        plan: &mut Plan,
        problems: &[Problem],
        run_error: Option<&str>,
        commands: &mut Vec<Command>,
    ) {
        let form = Form {
            problems,
            error_color: theme::of(ui.ctx()).error,
        };
        ui.horizontal(|ui| {
            let label = ui
                .label("Plan name")
                .on_hover_text("Shown in the window title and on exports");
            ui.text_edit_singleline(&mut plan.name)
                .labelled_by(label.id);
        });
        ui.add_space(4.0);
        group(ui, "Saver", true, |ui| saver(ui, &form, plan));
        group(ui, "Contributions", true, |ui| {
            contributions(ui, &form, plan)
        });
        group(ui, "Allocation", true, |ui| allocation(ui, &form, plan));
        group(ui, "Crypto sleeve", true, |ui| self.sleeve(ui, &form, plan));
        group(ui, "Retirement", true, |ui| retirement(ui, &form, plan));
        group(ui, "Advanced", false, |ui| advanced(ui, &form, plan));
        let history = matches!(plan.simulation.returns, Returns::History { .. });
        group(ui, "Simulation", history || run_error.is_some(), |ui| {
            simulation(ui, &form, plan, run_error, commands)
        });
    }

    fn sleeve(&mut self, ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
        let mut on = plan.allocation.sleeve.is_some();
        if ui
            .checkbox(&mut on, "Add a crypto sleeve")
            .on_hover_text("Hold part of the account in bitcoin, beside the target-date core")
            .changed()
        {
            plan.allocation.sleeve = on.then(|| Sleeve::constant(0.03));
        }
        let Some(sleeve) = plan.allocation.sleeve.as_mut() else {
            ui.weak("Off: the whole account follows the glide path");
            return;
        };
        let max = if self.allow_more_crypto { 0.5 } else { 0.1 };
        Grid::new("sleeve").num_columns(2).show(ui, |ui| {
            form.row(ui, "Weight now", "The sleeve's target share of the account today", "allocation.sleeve.weight", |ui| {
                ui.add(Slider::new(&mut sleeve.weight, 0.0..=max).clamping(SliderClamping::Never).custom_formatter(|v, _| percent(v)).custom_parser(super::money::parse_percent))
            });
            form.row(
                ui,
                "Weight at retirement",
                "The target moves in a straight line from today's weight to this one at retirement, then holds",
                "allocation.sleeve.weight_at_retirement",
                |ui| ui.add(Slider::new(&mut sleeve.weight_at_retirement, 0.0..=max).clamping(SliderClamping::Never).custom_formatter(|v, _| percent(v)).custom_parser(super::money::parse_percent)),
            );
            form.row(
                ui,
                "Rebalancing",
                "Annual: each year the sleeve is brought back to its target (gains sold, losses bought). Never: buy and hold; the sleeve drifts with bitcoin's price",
                "allocation.sleeve.rebalance",
                |ui| {
                    ComboBox::from_id_salt("rebalance")
                        .selected_text(match sleeve.rebalance {
                            Rebalance::Annual => "Annual",
                            Rebalance::Never => "Never (buy and hold)",
                        })
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut sleeve.rebalance, Rebalance::Annual, "Annual");
                            ui.selectable_value(&mut sleeve.rebalance, Rebalance::Never, "Never (buy and hold)")
                        })
                        .response
                },
            );
        });
        ui.checkbox(&mut self.allow_more_crypto, "Allow more than 10%")
            .on_hover_text("Lets the sliders go up to 50%");
        if sleeve.weight > 0.05 || sleeve.weight_at_retirement > 0.05 {
            ui.colored_label(
                theme::of(ui.ctx()).bad_case,
                "Above 5%, bitcoin's swings start to drive the whole account's risk",
            );
        }
        self.crypto_view(ui, plan);
    }

    fn crypto_view(&mut self, ui: &mut Ui, plan: &mut Plan) {
        let views = &shipped().crypto_views;
        let a = &mut plan.assumptions;
        let current = views
            .iter()
            .find(|v| v.asset() == a.crypto && v.crash == a.crypto_crash)
            .map_or("Custom", |v| v.name.as_str());
        ui.horizontal(|ui| {
            let label = ui.label("Crypto view").on_hover_text(
                "Nobody knows bitcoin's future return: these are assumptions, not forecasts. Neutral is the default",
            );
            ComboBox::from_id_salt("crypto view").selected_text(current).show_ui(ui, |ui| {
                for view in views {
                    if ui.selectable_label(current == view.name, &view.name).clicked() {
                        a.crypto = view.asset();
                        a.crypto_crash = view.crash.clone();
                    }
                }
                ui.weak("Custom: edit in Advanced");
            }).response.labelled_by(label.id);
        });
        let crash = match &a.crypto_crash {
            Some(c) if c.probability > 0.0 => format!(
                "a crash in about 1 year of {:.0} cuts bitcoin by about {}",
                1.0 / c.probability,
                percent((c.typical_loss() * 100.0).round() / 100.0)
            ),
            _ => "no crashes".to_owned(),
        };
        ui.label(format!(
            "Average year {}, swings of {} a year; {crash}",
            percent(a.crypto.mean),
            percent(a.crypto.volatility)
        ));
        let key = format!("{:?}{:?}", a.crypto, a.crypto_crash);
        if self.crypto_sentence.as_ref().is_none_or(|(k, _)| *k != key) {
            let sentence = crypto_alone(a, 10).map_or_else(String::new, |alone| {
                let change = alone.typical_growth - 1.0;
                let direction = if change < 0.0 {
                    format!("yet the typical path loses {} over ten years", percent((-change * 100.0).round() / 100.0))
                } else {
                    format!("and the typical path gains {} over ten years", percent((change * 100.0).round() / 100.0))
                };
                format!(
                    "Held alone, bitcoin under this view has an average year of {}, {direction}: volatility and crashes drag compound growth",
                    percent(alone.average_year_return)
                )
            });
            self.crypto_sentence = Some((key, sentence));
        }
        if let Some((_, sentence)) = &self.crypto_sentence {
            ui.label(sentence);
        }
    }
}

fn group(ui: &mut Ui, title: &str, open: bool, add: impl FnOnce(&mut Ui)) {
    CollapsingHeader::new(egui::RichText::new(title).strong())
        .default_open(open)
        .show(ui, add);
}

fn saver(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let s = &mut plan.saver;
    Grid::new("saver").num_columns(2).show(ui, |ui| {
        form.row(ui, "Age", "Your age today", "saver.age", |ui| {
            ui.add(age(&mut s.age))
        });
        form.row(
            ui,
            "Retirement age",
            "The age you stop working and start drawing income",
            "saver.retirement_age",
            |ui| ui.add(age(&mut s.retirement_age)),
        );
        form.row(
            ui,
            "Plan to age",
            "How long the money should last: plan for a long life",
            "saver.plan_to_age",
            |ui| ui.add(age(&mut s.plan_to_age)),
        );
        form.row(
            ui,
            "Balance",
            "What is in the account today. Type 85k or 1.2m",
            "saver.balance",
            |ui| ui.add(money(&mut s.balance)),
        );
        form.row(
            ui,
            "Salary",
            "This year's pay before tax",
            "saver.salary",
            |ui| ui.add(money(&mut s.salary)),
        );
        form.row(
            ui,
            "Salary growth",
            "How much faster than inflation your pay grows each year",
            "saver.salary_growth",
            |ui| ui.add(share(&mut s.salary_growth)),
        );
    });
}

fn contributions(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let c = &mut plan.contributions;
    Grid::new("contributions").num_columns(2).show(ui, |ui| {
        form.row(ui, "You contribute", "Your deferral as a share of pay this year", "contributions.employee_rate", |ui| ui.add(share(&mut c.employee_rate)));
        form.row(ui, "Auto-escalation", "Added to your rate every year (many plans raise it 1% a year)", "contributions.escalation", |ui| ui.add(share(&mut c.escalation)));
        form.row(ui, "Escalation stops at", "The rate escalation stops at", "contributions.escalation_cap", |ui| ui.add(share(&mut c.escalation_cap)));
        form.row(ui, "Employer non-elective", "Money your employer adds whatever you contribute, as a share of pay", "contributions.employer_fixed", |ui| ui.add(share(&mut c.employer_fixed)));
        form.row(ui, "IRS limits", "Cap contributions at the 2026 IRS limits, with catch-ups from 50 and the larger one at 60 to 63", "contributions.irs_limits", |ui| ui.checkbox(&mut c.irs_limits, "On"));
    });
    ui.label("Employer match")
        .on_hover_text("Tiers apply in order: 100% of the first 3%, then 50% of the next 2%");
    let mut remove = None;
    for (i, tier) in c.employer_match.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.add(share(&mut tier.rate))
                .on_hover_text("Dollars your employer adds per dollar you put in, on this tier");
            ui.label("of the next");
            ui.add(share(&mut tier.up_to))
                .on_hover_text("The slice of your pay this tier covers");
            if ui
                .small_button("Remove")
                .on_hover_text("Remove this tier")
                .clicked()
            {
                remove = Some(i);
            }
        });
        for field in ["rate", "up_to"] {
            if let Some(p) = form
                .problems
                .iter()
                .find(|p| p.field == format!("contributions.employer_match[{i}].{field}"))
            {
                ui.colored_label(form.error_color, &p.message);
            }
        }
    }
    if let Some(i) = remove {
        c.employer_match.remove(i);
    }
    if ui.button("Add a match tier").clicked() {
        c.employer_match.push(crate::contributions::MatchTier {
            rate: 0.5,
            up_to: 0.02,
        });
    }
    let schedule = plan.contribution_schedule();
    if let Some(&(age_now, year)) = schedule.first() {
        let employer_share = if year.salary_usd > 0.0 {
            year.employer_usd / year.salary_usd
        } else {
            0.0
        };
        ui.label(format!(
            "This year {} goes in: {} from you, {} from your employer ({} of pay)",
            usd(year.total_usd()),
            usd(year.deferral_usd),
            usd(year.employer_usd),
            percent((employer_share * 1000.0).round() / 1000.0)
        ));
        if let Some((at, y)) = schedule.iter().find(|(_, y)| y.deferral_limit_binds) {
            let limit = y.deferral_limit_usd.unwrap_or_default();
            let when = if *at == age_now {
                "this year".to_owned()
            } else {
                format!("at age {at}")
            };
            ui.label(format!("You hit the {} limit {when}", usd(limit)));
        }
        if let Some((at, _)) = schedule.iter().find(|(_, y)| y.additions_limit_binds) {
            ui.label(format!(
                "The {} limit on all money going in cuts your employer's share from age {at}",
                usd(shipped().irs_limits.annual_additions_usd)
            ));
        }
    }
}

fn allocation(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let presets = &shipped().presets;
    let path = &mut plan.allocation.glide_path;
    let matching = presets.iter().find(|p| p.knots == path.knots);
    let selected = matching.map_or("Custom", |p| p.name.as_str());
    ui.horizontal(|ui| {
        let label = ui
            .label("Glide path")
            .on_hover_text("How the mix of stocks, bonds and cash moves as retirement nears");
        ComboBox::from_id_salt("glide path")
            .selected_text(selected)
            .width(220.0)
            .show_ui(ui, |ui| {
                for preset in presets {
                    if ui
                        .selectable_label(selected == preset.name, &preset.name)
                        .on_hover_text(format!(
                            "Resembles {} (not the fund family's own product). {}",
                            preset.resembles, preset.source
                        ))
                        .clicked()
                    {
                        *path = preset.glide_path();
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if matching.is_none() {
        ui.weak("Custom: years to retirement → stocks / bonds / cash");
    }
    CollapsingHeader::new("Edit the glide path")
        .default_open(matching.is_none())
        .show(ui, |ui| {
            let mut remove = None;
            Grid::new("knots").num_columns(5).show(ui, |ui| {
                ui.label("Years to retirement");
                ui.label("Stocks");
                ui.label("Bonds");
                ui.label("Cash");
                ui.end_row();
                for (i, knot) in path.knots.iter_mut().enumerate() {
                    ui.add(
                        egui::DragValue::new(&mut knot.years_to_retirement)
                            .speed(0.2)
                            .update_while_editing(false),
                    );
                    ui.add(share(&mut knot.stocks));
                    ui.add(share(&mut knot.bonds));
                    ui.add(share(&mut knot.cash));
                    if ui.small_button("Remove").clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
            if let Some(i) = remove {
                path.knots.remove(i);
            }
            if ui.button("Add a knot").clicked() {
                let last = path
                    .knots
                    .last()
                    .copied()
                    .unwrap_or(crate::glide_path::Knot {
                        years_to_retirement: 0.0,
                        stocks: 0.6,
                        bonds: 0.4,
                        cash: 0.0,
                    });
                path.knots.push(crate::glide_path::Knot {
                    years_to_retirement: last.years_to_retirement - 5.0,
                    ..last
                });
            }
            if !path.name.starts_with("Custom") && matching.is_none() {
                path.name = format!("Custom (from {})", path.name);
            }
            for p in form
                .problems
                .iter()
                .filter(|p| p.field.starts_with("allocation.glide_path"))
            {
                ui.colored_label(
                    form.error_color,
                    format!(
                        "{}: {}",
                        p.field.trim_start_matches("allocation.glide_path."),
                        p.message
                    ),
                );
            }
        });
    super::charts::glide_path_preview(ui, plan);
}

fn retirement(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let r = &mut plan.retirement;
    const NEED: &str = "A yearly income need";
    const RULE: &str = "The 4% rule";
    const PERCENT: &str = "A percent of balance";
    let current = match r.withdrawal {
        Withdrawal::FixedReal(_) => NEED,
        Withdrawal::InitialRate(_) => RULE,
        Withdrawal::PercentOfBalance(_) => PERCENT,
    };
    Grid::new("retirement").num_columns(2).show(ui, |ui| {
        form.row(
            ui,
            "Withdrawal",
            "A yearly income need: what you need in total, Social Security included. The 4% rule: a fixed share of the balance you retire with, every year. A percent of balance: a share of each year's balance; it never runs out, but income moves with markets",
            "retirement.withdrawal.rule",
            |ui| {
                ComboBox::from_id_salt("withdrawal").selected_text(current).show_ui(ui, |ui| {
                    if ui.selectable_label(current == NEED, NEED).clicked() {
                        r.withdrawal = Withdrawal::FixedReal(60_000.0);
                    }
                    if ui.selectable_label(current == RULE, RULE).clicked() {
                        r.withdrawal = Withdrawal::InitialRate(0.04);
                    }
                    if ui.selectable_label(current == PERCENT, PERCENT).clicked() {
                        r.withdrawal = Withdrawal::PercentOfBalance(0.04);
                    }
                })
                .response
            },
        );
        match &mut r.withdrawal {
            Withdrawal::FixedReal(amount) => form.row(ui, "Income you need", "A year, in today's dollars, Social Security included", "retirement.withdrawal", |ui| ui.add(money(amount))),
            Withdrawal::InitialRate(rate) | Withdrawal::PercentOfBalance(rate) => form.row(ui, "Withdrawal rate", "The share withdrawn each year", "retirement.withdrawal", |ui| ui.add(share(rate))),
        };
        let mut on = r.social_security.is_some();
        form.row(ui, "Social Security", "Include a Social Security benefit, in today's dollars", "retirement.social_security", |ui| ui.checkbox(&mut on, "Include"));
        if on != r.social_security.is_some() {
            r.social_security = on.then_some(SocialSecurity { annual: 24_000.0, from_age: 67 });
        }
        if let Some(ss) = r.social_security.as_mut() {
            form.row(ui, "Benefit a year", "Your estimated benefit from ssa.gov, in today's dollars", "retirement.social_security.annual", |ui| ui.add(money(&mut ss.annual)));
            form.row(ui, "Benefit from age", "The age your benefit starts (62 to 70)", "retirement.social_security.from_age", |ui| ui.add(age(&mut ss.from_age)));
        }
    });
}

fn advanced(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    ui.label(egui::RichText::new("Fees a year").strong());
    let f = &mut plan.fees;
    Grid::new("fees").num_columns(2).show(ui, |ui| {
        form.row(
            ui,
            "Stock funds",
            "Expense ratio of the stock funds",
            "fees.stocks",
            |ui| ui.add(share(&mut f.stocks)),
        );
        form.row(
            ui,
            "Bond funds",
            "Expense ratio of the bond funds",
            "fees.bonds",
            |ui| ui.add(share(&mut f.bonds)),
        );
        form.row(
            ui,
            "Cash fund",
            "Expense ratio of the cash fund",
            "fees.cash",
            |ui| ui.add(share(&mut f.cash)),
        );
        form.row(
            ui,
            "Crypto fund",
            "Sponsor fee of the bitcoin fund",
            "fees.crypto",
            |ui| ui.add(share(&mut f.crypto)),
        );
        form.row(
            ui,
            "Plan fee",
            "The plan's own administration fee, from its fee disclosure",
            "fees.plan",
            |ui| ui.add(share(&mut f.plan)),
        );
    });
    ui.label(egui::RichText::new("Assumptions (after inflation)").strong());
    let a = &mut plan.assumptions;
    Grid::new("assumptions").num_columns(2).show(ui, |ui| {
        for (name, key, asset) in [
            ("Stocks", "stocks", &mut a.stocks),
            ("Bonds", "bonds", &mut a.bonds),
            ("Cash", "cash", &mut a.cash),
            ("Crypto", "crypto", &mut a.crypto),
        ] {
            form.row(
                ui,
                &format!("{name}: average year"),
                "The expected (arithmetic) return in a year, after inflation",
                &format!("assumptions.{key}.mean"),
                |ui| ui.add(rate(&mut asset.mean)),
            );
            form.row(
                ui,
                &format!("{name}: volatility"),
                "How much a year's return swings: the standard deviation of log returns",
                &format!("assumptions.{key}.volatility"),
                |ui| ui.add(share(&mut asset.volatility)),
            );
        }
        let mut crashes = a.crypto_crash.is_some();
        form.row(
            ui,
            "Crypto crashes",
            "Some years bitcoin also crashes; its average year stays as assumed",
            "assumptions.crypto_crash",
            |ui| ui.checkbox(&mut crashes, "On"),
        );
        if crashes != a.crypto_crash.is_some() {
            a.crypto_crash = crashes.then(|| {
                crate::defaults::shipped()
                    .assumptions
                    .crypto_crash
                    .clone()
                    .unwrap_or(crate::assumptions::CryptoCrash {
                        probability: 0.25,
                        mean: -0.7,
                        volatility: 0.25,
                    })
            });
        }
        if let Some(crash) = a.crypto_crash.as_mut() {
            form.row(
                ui,
                "Chance of a crash in a year",
                "The probability of a crash year",
                "assumptions.crypto_crash.probability",
                |ui| ui.add(share(&mut crash.probability)),
            );
            let mut loss = crash.typical_loss();
            let response = form.row(
                ui,
                "A typical crash cuts",
                "The loss a crash of average size means (a log jump of -0.70 cuts about 50%)",
                "assumptions.crypto_crash.mean",
                |ui| ui.add(share(&mut loss)),
            );
            if response.changed() {
                crash.mean = (1.0 - loss).ln();
            }
            form.row(
                ui,
                "Crash size varies by",
                "The standard deviation of the crash's log size",
                "assumptions.crypto_crash.volatility",
                |ui| ui.add(share(&mut crash.volatility)),
            );
        }
        form.row(
            ui,
            "Inflation",
            "Used only to show future dollars",
            "assumptions.inflation",
            |ui| ui.add(rate(&mut a.inflation)),
        );
    });
    if let Some(p) = form
        .problems
        .iter()
        .find(|p| p.field.starts_with("assumptions.correlations"))
    {
        ui.colored_label(form.error_color, p.to_string());
    }
    if ui
        .button("Reset to defaults")
        .on_hover_text("Put back the shipped fees and assumptions")
        .clicked()
    {
        plan.fees = crate::fees::Fees::default();
        plan.assumptions = crate::assumptions::Assumptions::default();
    }
    CollapsingHeader::new("About these assumptions").show(ui, |ui| {
        ui.label(crate::defaults::ABOUT);
    });
}

fn simulation(
    ui: &mut Ui,
    form: &Form<'_>,
    plan: &mut Plan,
    run_error: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let s = &mut plan.simulation;
    let mut monte_carlo = matches!(s.returns, Returns::MonteCarlo);
    ui.horizontal(|ui| {
        ui.label("Returns").on_hover_text(
            "Monte Carlo draws many possible futures from the assumptions. A history file replays real years you import",
        );
        if ui.radio_value(&mut monte_carlo, true, "Monte Carlo").clicked() {
            s.returns = Returns::MonteCarlo;
        }
        if ui
            .radio_value(&mut monte_carlo, false, "A history file")
            .on_hover_text("Replay a return history (CSV) you import: see docs/history.md for the format")
            .clicked()
            && !matches!(s.returns, Returns::History { .. })
        {
            commands.push(Command::ImportHistory);
        }
    });
    if let Returns::History { file, mode } = &mut s.returns {
        ui.horizontal(|ui| {
            let name = std::path::Path::new(file.as_str())
                .file_name()
                .map_or_else(|| file.clone(), |n| n.to_string_lossy().into_owned());
            ui.label(format!("File: {name}"))
                .on_hover_text(file.as_str());
            if ui
                .button("Import…")
                .on_hover_text("Choose another return history file")
                .clicked()
            {
                commands.push(Command::ImportHistory);
            }
        });
        let mut rolling = matches!(mode, HistoryMode::Rolling);
        ui.horizontal(|ui| {
            if ui
                .radio_value(&mut rolling, true, "Every start year")
                .on_hover_text("Rolling: one path per start year whose whole plan fits in the file")
                .clicked()
            {
                *mode = HistoryMode::Rolling;
            }
            if ui
                .radio_value(&mut rolling, false, "Random blocks")
                .on_hover_text("Bootstrap: each path joins blocks of consecutive years drawn at random from the file")
                .clicked()
                && rolling != matches!(mode, HistoryMode::Rolling)
            {
                *mode = HistoryMode::Bootstrap { block_years: 5 };
            }
        });
        if let HistoryMode::Bootstrap { block_years } = mode {
            Grid::new("bootstrap").num_columns(2).show(ui, |ui| {
                form.row(
                    ui,
                    "Block length",
                    "Years in each block of consecutive history",
                    "simulation.returns.mode.block_years",
                    |ui| ui.add(egui::DragValue::new(block_years).suffix(" years")),
                );
            });
        }
    }
    if let Some(error) = run_error {
        ui.colored_label(form.error_color, error);
    }
    let rolling = matches!(
        s.returns,
        Returns::History {
            mode: HistoryMode::Rolling,
            ..
        }
    );
    Grid::new("simulation").num_columns(2).show(ui, |ui| {
        if !rolling {
            form.row(
                ui,
                "Paths",
                "How many simulated futures: more is smoother and slower",
                "simulation.paths",
                |ui| {
                    ui.add(
                        Slider::new(&mut s.paths, 1_000..=100_000)
                            .logarithmic(true)
                            .clamping(SliderClamping::Never),
                    )
                },
            );
        }
        form.row(
            ui,
            "Seed",
            "The same seed gives the same numbers every time",
            "simulation.seed",
            |ui| ui.add(egui::DragValue::new(&mut s.seed)),
        );
    });
}
