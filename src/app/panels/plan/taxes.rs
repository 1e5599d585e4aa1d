//! The Taxes group: whether figures are after tax, how the household
//! files, its three kinds of money, where deferrals go, the order the
//! accounts pay in, Roth conversions and the state's tax. Each control has
//! a sentence under it in plain words; the tax itself is the library's.

use egui::{ComboBox, Grid, Ui};

use super::{Form, say};
use crate::plan::lever::path;
use crate::plan::taxes::{Conversions, FilingChoice, FillBracket, Order, Spending, Taxable, Taxes};
use crate::plan::{Lever, Plan};
use crate::units::percent;

/// The bracket rates a conversion or a fill-the-bracket order can fill to.
const BRACKET_RATES: [f64; 6] = [0.10, 0.12, 0.22, 0.24, 0.32, 0.35];

/// The group's rows.
pub fn ui(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    if plan.taxes.is_none() {
        ui.label("This plan is before tax: every figure is before federal and state tax, as plans made before taxes were modelled.");
        if ui
            .button("Model taxes for this plan")
            .on_hover_text("Model federal and state tax, traditional and Roth money and RMDs (Edit > Undo turns them off again)")
            .clicked()
        {
            plan.taxes = Some(Taxes::default());
        }
        return;
    }
    Grid::new("taxes").num_columns(2).show(ui, |ui| {
        spending_and_filing(ui, form, plan);
        money_by_kind(ui, form, plan);
        order_and_conversions(ui, form, plan);
        state(ui, form, plan);
    });
    if ui
        .small_button("Turn taxes off")
        .on_hover_text(
            "Every figure before tax again, as a plan of format 2 (Edit > Undo turns them back on)",
        )
        .clicked()
    {
        plan.taxes = None;
    }
}

fn spending_and_filing(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let has_spouse = plan.retirement.spouse.is_some();
    let Some(taxes) = plan.taxes.as_mut() else {
        return;
    };
    form.row(
        ui,
        "Your spending is",
        "Whether the income you ask for is what is left to spend after tax or before it",
        path::SPENDING,
        |ui| {
            ui.horizontal(|ui| {
                ui.radio_value(&mut taxes.spending, Spending::AfterTax, "After tax")
                    | ui.radio_value(&mut taxes.spending, Spending::BeforeTax, "Before tax")
            })
            .inner
        },
    );
    say(
        ui,
        match taxes.spending {
            Spending::AfterTax => {
                "The income need is what you spend: the account pays it plus the tax on it"
            }
            Spending::BeforeTax => "The income need is before tax: the tax comes out of it",
        },
    );
    form.row(
        ui,
        "Filing",
        "How the household files its federal return",
        path::FILING,
        |ui| {
            ComboBox::from_id_salt("filing")
                .selected_text(filing_words(taxes.filing))
                .show_ui(ui, |ui| {
                    for choice in [
                        FilingChoice::Auto,
                        FilingChoice::Single,
                        FilingChoice::Joint,
                    ] {
                        ui.selectable_value(&mut taxes.filing, choice, filing_words(choice));
                    }
                })
                .response
        },
    );
    say(
        ui,
        if has_spouse {
            "Married filing jointly while both of you live"
        } else {
            "Single: add a spouse under Retirement to file jointly"
        },
    );
}

fn filing_words(choice: FilingChoice) -> &'static str {
    match choice {
        FilingChoice::Auto => "From the plan",
        FilingChoice::Single => "Single",
        FilingChoice::Joint => "Married, filing jointly",
    }
}

fn money_by_kind(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    form.lever(
        ui,
        plan,
        Lever::RothBalance,
        "Roth balance",
        "Roth 401(k) and Roth IRA money today: it comes out tax-free after 59½",
    );
    say(
        ui,
        "The Balance above is pre-tax (traditional) money: every dollar out of it is taxed",
    );
    let mut outside = plan.saver.taxable.is_some();
    form.row(
        ui,
        "Taxable account",
        "Savings outside the plan, such as a brokerage account",
        path::TAXABLE,
        |ui| ui.checkbox(&mut outside, "Yes"),
    );
    if outside != plan.saver.taxable.is_some() {
        plan.saver.taxable = outside.then(Taxable::default);
    }
    if plan.saver.taxable.is_some() {
        form.lever(
            ui,
            plan,
            Lever::TaxableBalance,
            "Its value",
            "What the account is worth today",
        );
        form.lever(
            ui,
            plan,
            Lever::TaxableBasis,
            "Its cost basis",
            "What was paid in: only the gain above it is taxed when sold",
        );
        say(
            ui,
            "Sales are taxed on their gain at the long-term rates (0%, 15% or 20%)",
        );
    }
    form.lever(
        ui,
        plan,
        Lever::RothShare,
        "Roth share of your deferrals",
        "The part of what you contribute that goes Roth: taxed now, tax-free later",
    );
    say(
        ui,
        "From 2026, catch-ups of anyone who earned over $150,000 last year go Roth whatever this says",
    );
    form.row(
        ui,
        "Employer's money",
        "Whether your employer's match and contributions go in as Roth (SECURE 2.0 lets a plan offer it)",
        path::EMPLOYER_ROTH,
        |ui| ui.checkbox(&mut plan.contributions.employer_roth, "Roth"),
    );
    form.lever(
        ui,
        plan,
        Lever::TaxableSavings,
        "Saved outside a year",
        "Dollars a year, in today's dollars, put into the taxable account while you work",
    );
}

fn order_and_conversions(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    let Some(taxes) = plan.taxes.as_mut() else {
        return;
    };
    let order_words = |order: &Order| match order {
        Order::Conventional => "Taxable, then pre-tax, then Roth",
        Order::ProRata => "From all three in proportion",
        Order::FillBracket(_) => "Pre-tax up to a bracket first",
    };
    form.row(
        ui,
        "Withdrawals come from",
        "The order the accounts pay in retirement, after any required minimum distribution",
        path::ORDER,
        |ui| {
            ComboBox::from_id_salt("order")
                .selected_text(order_words(&taxes.order))
                .show_ui(ui, |ui| {
                    for order in [
                        Order::Conventional,
                        Order::ProRata,
                        Order::FillBracket(FillBracket { top_rate: 0.12 }),
                    ] {
                        let same =
                            std::mem::discriminant(&order) == std::mem::discriminant(&taxes.order);
                        if ui.selectable_label(same, order_words(&order)).clicked() && !same {
                            taxes.order = order;
                        }
                    }
                })
                .response
        },
    );
    if let Order::FillBracket(fill) = &mut taxes.order {
        form.row(
            ui,
            "Fill pre-tax up to",
            "Traditional withdrawals fill the bracket of this rate first; then the taxable account, Roth, and more traditional",
            path::ORDER_TOP_RATE,
            |ui| bracket_choice(ui, "fill order", &mut fill.top_rate),
        );
    }
    say(
        ui,
        match taxes.order {
            Order::Conventional => {
                "The usual order: the taxable account first, Roth money last, so it grows tax-free longest"
            }
            Order::ProRata => "Each withdrawal takes the same share of every account",
            Order::FillBracket(_) => "Uses the low brackets every year, so later RMDs are smaller",
        },
    );
    let mut converting = taxes.conversions.is_some();
    form.row(
        ui,
        "Roth conversions",
        "Move pre-tax money to Roth in the years you choose, paying its tax now",
        path::CONVERSIONS,
        |ui| ui.checkbox(&mut converting, "Convert"),
    );
    if converting != taxes.conversions.is_some() {
        taxes.conversions = converting.then_some(Conversions {
            fill_to_rate: 0.12,
            from_age: 63,
            until_age: 72,
        });
    }
    if let Some(conversions) = &mut taxes.conversions {
        form.row(
            ui,
            "Convert up to",
            "Each year of the window, convert until taxable income reaches the top of this bracket",
            path::CONVERSION_RATE,
            |ui| bracket_choice(ui, "conversion rate", &mut conversions.fill_to_rate),
        );
        say(
            ui,
            "The tax is paid from the taxable account when it holds enough, else withheld from the conversion",
        );
    }
    if taxes.conversions.is_some() {
        for (lever, label, tooltip) in [
            (
                Lever::ConversionFromAge,
                "From age",
                "The first year of conversions: 60 or later, since tax withheld before 59½ is an early withdrawal",
            ),
            (
                Lever::ConversionUntilAge,
                "Until age",
                "The last year of conversions (often the year before RMDs start)",
            ),
        ] {
            form.lever(ui, plan, lever, label, tooltip);
        }
    }
}

/// A bracket rate chosen from the law's rates.
fn bracket_choice(ui: &mut Ui, id: &str, rate: &mut f64) -> egui::Response {
    ComboBox::from_id_salt(id)
        .selected_text(format!("the {} bracket", percent(*rate)))
        .show_ui(ui, |ui| {
            for r in BRACKET_RATES {
                ui.selectable_value(rate, r, format!("the {} bracket", percent(r)));
            }
        })
        .response
}

fn state(ui: &mut Ui, form: &Form<'_>, plan: &mut Plan) {
    form.lever(
        ui,
        plan,
        Lever::StateRate,
        "State income tax",
        "A flat rate on your income less the federal standard deduction",
    );
    say(
        ui,
        "A flat approximation of your state's tax. No income tax in AK, FL, NV, NH, SD, TN, TX, WA and WY",
    );
    let Some(taxes) = plan.taxes.as_mut() else {
        return;
    };
    form.row(
        ui,
        "Your state",
        "Most states do not tax Social Security; some exempt pensions and 401(k) withdrawals",
        path::STATE,
        |ui| {
            ui.vertical(|ui| {
                ui.checkbox(
                    &mut taxes.state.taxes_social_security,
                    "Taxes Social Security",
                ) | ui
                    .checkbox(
                        &mut taxes.state.exempts_retirement_income,
                        "Exempts retirement income",
                    )
                    .on_hover_text("Pensions and 401(k) and IRA withdrawals")
            })
            .inner
        },
    );
    form.lever(
        ui,
        plan,
        Lever::TaxableDrag,
        "Tax drag, taxable account",
        "How much lower the taxable account's return is a year because its dividends are taxed (0.4% is about a 2% yield taxed at 15–20%)",
    );
    form.lever(
        ui,
        plan,
        Lever::FirstTaxYear,
        "This year is",
        "The calendar year of the plan's first year: it sets your birth year (RMDs at 73 or 75) and when the senior deduction ends (2028)",
    );
}
