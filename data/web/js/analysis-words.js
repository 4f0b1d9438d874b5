// The words of the analyses' machine names, in the page's language: their
// parameters, the values those take, statistics without a label of their
// own and the columns of their tables. An analysis added later still shows,
// with its schema's own description and its names made readable.
import { _ } from "/js/i18n.js";
// "min_students" -> "Min students": the fallback for names we do not know.
import { humanize as readable } from "/js/schema-form.js";

function parameters() {
  return {
    program_ids: { label: _("Programs"), hint: _("The programs whose sessions count") },
    school_year: { label: _("School year"), hint: _("Such as 2025-26; the programs' own year when left empty") },
    measure: { label: _("Outcome measure"), hint: _("The school outcome to compare with, such as ela_growth") },
    baseline_year: { label: _("Baseline year"), hint: _("With it, the outcome is the change since that year") },
    x: { label: _("Participation figure"), hint: _("How a school's participation is counted") },
    threshold: { label: _("Threshold (teachers)"), hint: _("Schools with more teachers attending are compared with the rest") },
    min_students: { label: _("Fewest students"), hint: _("Schools whose outcome rests on fewer students are left out, to protect privacy") },
    adjust: { label: _("Adjust the slope for"), hint: _("Covariates of the adjusted slope") },
    bootstrap: { label: _("Bootstrap resamples"), hint: _("More resamples give a steadier interval but take longer") },
    seed: { label: _("Random seed"), hint: _("The same seed gives the same interval") },
    min_attendees: { label: _("Fewest attendees per cell"), hint: _("Cells with fewer distinct attendees are suppressed") },
    group_by: { label: _("One row per"), hint: _("What each row of the result is") },
    min_respondents: { label: _("Fewest responses"), hint: _("Groups with fewer responses are suppressed") },
  };
}

export function parameterLabel(name) {
  const known = parameters()[name];
  return known ? known.label : readable(name);
}

export function parameterHint(name, schema) {
  const known = parameters()[name];
  return known ? known.hint : (schema && schema.description) || null;
}

function values() {
  return {
    teachers: _("Teachers attending"),
    hours: _("Hours attended"),
    rate: _("Share of the school's teachers attending"),
    baseline: _("Baseline outcome"),
    sector: _("Sector"),
    program: _("Program"),
    series: _("Series"),
    session: _("Session"),
    district: _("District"),
    charter: _("Charter"),
    catholic: _("Catholic"),
    partner: _("Partner"),
    unknown: _("Unknown"),
  };
}

// An enum value of a parameter (x: "teachers") or a sector in a table cell.
export function valueLabel(value) {
  const known = values()[value];
  return known || String(value);
}

function statistics() {
  return {
    terms_and_programs: _("Terms and programs"),
    teachers: _("Teachers reached"),
    schools: _("Schools reached"),
    groups_suppressed: _("Groups suppressed"),
    responses: _("Responses"),
    response_rate: _("Response rate"),
    usefulness_mean: _("Mean usefulness (1-5)"),
    share_useful: _("Share finding it useful"),
    nps: _("Net promoter score"),
    shown_hours: _("Hours shown"),
    cross_sector_share: _("Share of hours crossing sectors"),
    suppressed_cells: _("Cells suppressed"),
  };
}

// A statistic's own label (participation-growth gives them), else ours.
export function statisticLabel(statistic) {
  if (statistic.label) return statistic.label;
  return statistics()[statistic.name] || readable(statistic.name);
}

function details() {
  return {
    se: _("Standard error"),
    p: _("p-value"),
    t: _("t"),
    df: _("Degrees of freedom"),
    n1: _("n (first group)"),
    n2: _("n (second group)"),
    mean1: _("Mean (first group)"),
    mean2: _("Mean (second group)"),
    sd1: _("Standard deviation (first group)"),
    sd2: _("Standard deviation (second group)"),
    difference: _("Difference of means"),
    ratio: _("Ratio of means"),
    hedges_g: _("Hedges' g"),
    hedges_g_interval: _("Hedges' g, interval"),
    resamples: _("Resamples"),
    seed: _("Seed"),
    confidence: _("Confidence level"),
  };
}

export function detailLabel(name) {
  return details()[name] || readable(name);
}

function columns() {
  return {
    school_id: _("School id"),
    school: _("School"),
    organization: _("Organization"),
    sector: _("Sector"),
    teachers: _("Teachers"),
    hours: _("Hours"),
    rate: _("Share of teachers"),
    outcome: _("Outcome"),
    students: _("Students"),
    status: _("Status"),
    group: _("Group"),
    n: _("n"),
    mean: _("Mean"),
    sd: _("Standard deviation"),
    term: _("Term"),
    program: _("Program"),
    sessions: _("Sessions"),
    new_teachers: _("New teachers"),
    returning_teachers: _("Returning teachers"),
    schools: _("Schools"),
    new_schools: _("New schools"),
    returning_schools: _("Returning schools"),
    gini: _("Gini coefficient"),
    top_decile_share: _("Share of the top tenth of schools"),
    multi_sector_sessions: _("Sessions spanning sectors"),
    multi_sector_share: _("Share of sessions spanning sectors"),
    schools_reached: _("Schools reached"),
    share_reached: _("Share reached"),
    teacher_attendances: _("Teacher attendances"),
    returning: _("Returning"),
    responses: _("Responses"),
    attendees: _("Attendees"),
    response_rate: _("Response rate"),
    usefulness_mean: _("Mean usefulness"),
    usefulness_ci_low: _("Usefulness, interval low"),
    usefulness_ci_high: _("Usefulness, interval high"),
    share_useful: _("Share useful"),
    nps: _("Net promoter score"),
    nps_ci_low: _("Net promoter score, interval low"),
    nps_ci_high: _("Net promoter score, interval high"),
    suppressed: _("Suppressed"),
    from_sector: _("From sector"),
    to_sector: _("To sector"),
    share_of_shown_hours: _("Share of hours shown"),
    sector_a: _("Sector A"),
    sector_b: _("Sector B"),
    hours_a_to_b: _("Hours from A to B"),
    hours_b_to_a: _("Hours from B to A"),
    share_a_to_b: _("Share from A to B"),
    share_b_to_a: _("Share from B to A"),
  };
}

export function columnLabel(key) {
  return columns()[key] || readable(key);
}

// Columns whose cells are sectors, shown in the page's language.
export const SECTOR_COLUMNS = new Set(["sector", "from_sector", "to_sector", "sector_a", "sector_b"]);

export function statusLabel(status) {
  return {
    queued: _("Waiting to start"),
    running: _("Running"),
    done: _("Done"),
    failed: _("Failed"),
    cancelled: _("Cancelled"),
  }[status] || status;
}
