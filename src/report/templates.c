/* The activity templates: the playbooks' steps as data. Placeholders in
 * braces are filled with the account's own facts (see plan.c, fill()). */
#include "templates.h"

const struct activity_template activity_templates[] = {
    /* Renewal: the customer success playbook's 90 / 60 / 30 days. */
    {"renewal-overdue", "Renewal status check", AK_RETENTION, 1.0, DL_START, 3, {NULL},
     "Confirm {client}'s renewal status with sales and procurement: the renewal date {renewal} has passed "
     "with no new one recorded",
     "Make sure {acv} of ACV has not lapsed unnoticed",
     "The renewal's real status known, and the new renewal date recorded",
     "Renewal date updated in the CRM and in csm within the week"},
    {"renewal-90", "Renewal health review", AK_RETENTION, 3.0, DL_RENEWAL, -90, {NULL},
     "Renewal health review for {client}: assess the account (health {health}, {band}; weakest: {weakest}), "
     "map every decision maker and influencer, and check for competitive threats",
     "Start the {renewal} renewal ({acv} ACV) with a full picture of health, stakeholders and risks, "
     "90 days out as the playbook asks",
     "A renewal risk assessment and a stakeholder map for {client}, with the gaps to close before the renewal meeting",
     "Assessment and stakeholder map filed by the deadline; every decision maker named and contacted"},
    {"renewal-60", "Renewal meeting", AK_RETENTION, 4.0, DL_RENEWAL, -60, {"renewal-90", "risk-review", "exec-reengage", NULL},
     "Renewal meeting with {client}: present the renewal proposal and the value delivered, agree pricing and "
     "terms with sales, and raise expansion where the account is healthy",
     "Secure the {renewal} renewal ({acv} ACV) by showing the value {client} has realised",
     "A renewal proposal agreed in principle, objections known, expansion options on the table",
     "Meeting held; verbal commitment to renew; open objections logged with owners and dates"},
    {"renewal-30", "Renewal close", AK_RETENTION, 2.0, DL_RENEWAL, -30, {"renewal-60", NULL},
     "Finalise {client}'s renewal with legal and procurement, and set goals and success metrics for the "
     "next contract period",
     "Close the renewal before {renewal} with no last-minute surprises",
     "Signed renewal and a success plan with goals for the next term",
     "Contract signed by the deadline; renewed ACV compared with {acv}"},
    /* Churn interventions: the playbook's intervention strategies. */
    {"risk-review", "Root-cause review", AK_RETENTION, 5.0, DL_START, 14, {NULL},
     "Root-cause review of {client}'s risk with support and product ({first_reason}), and a revised success "
     "plan with extra support where needed",
     "Find out why {client} is at risk and agree how to fix it before the renewal ({renewal})",
     "A written root cause and a recovery plan agreed with {client}'s team",
     "Recovery plan accepted by the customer; health above {red_max} at the next export"},
    {"adoption-recovery", "Adoption workshop", AK_RETENTION, 6.0, DL_START, 21, {NULL},
     "Adoption workshop for {client}: review logins, session length and features used ({usage}), then train "
     "the teams that are not using the product",
     "Lift {client}'s usage from {usage}: it carries the largest share of the health score",
     "A training session delivered and an adoption plan with named owners at {client}",
     "{usage_key} score up 10 points or more at the next export; active users up month on month"},
    {"satisfaction-recovery", "Satisfaction recovery call", AK_RETENTION, 3.0, DL_START, 21, {NULL},
     "Satisfaction call with {client}'s main users: hear what is behind {satisfaction} and agree fixes with "
     "support",
     "Turn an unhappy customer around before the renewal ({renewal})",
     "The complaints known, each with an owner and a date for its fix",
     "Fixes delivered on time; satisfaction up at the next survey"},
    {"satisfaction-survey", "Satisfaction survey", AK_RETENTION, 2.0, DL_START, 14, {NULL},
     "Run the satisfaction survey and NPS for {client}, which has no satisfaction data",
     "Know how {client} feels before the renewal ({renewal}) instead of guessing",
     "Survey answers from the key users and an NPS score",
     "At least three responses; satisfaction present in the next export"},
    {"exec-reengage", "Executive re-engagement", AK_RETENTION, 4.0, DL_START, 28, {NULL},
     "Executive re-engagement: meet {client}'s executive sponsor ({sponsor}) to re-confirm business goals "
     "and the value expected",
     "Get a senior sponsor behind the renewal: a disengaged sponsor is the first sign of a lost decision",
     "A named, engaged executive sponsor and a date for the next business review",
     "Sponsor meeting held; sponsorship up at the next export"},
    /* Cadence by segment. */
    {"qbr", "Business review", AK_RETENTION, 5.0, DL_END, -14, {NULL},
     "{qbr_cadence} business review with {client}: results against goals, usage trends, roadmap, next "
     "quarter's priorities",
     "Keep {client} ({segment}) on the playbook's review cadence and its goals in view",
     "Goals for the next period agreed with the sponsor; risks and opportunities logged",
     "Review held; action items sent within two days"},
    /* Expansion: prove value, then propose. */
    {"value-review", "Value realisation review", AK_EXPANSION, 4.0, DL_START, 30, {NULL},
     "Value realisation review for {client}: document the ROI and business outcomes behind its {usage} usage",
     "Prove existing value so that {client}'s renewal grows rather than just renews",
     "A one-page value summary with figures {client} agrees with",
     "Summary reviewed with the sponsor; outcome figures recorded"},
    {"expansion-proposal", "Expansion proposal", AK_EXPANSION, 3.0, DL_RENEWAL_OR_END, -60, {"value-review", NULL},
     "Expansion proposal for {client} with sales: seats for new teams, advanced features or add-on products, "
     "sized on current use",
     "Grow {client}'s {acv} ACV at or before the {renewal} renewal",
     "A priced proposal in front of the sponsor",
     "Opportunity in the CRM with amount and stage; meeting with the sponsor booked"},
    /* Advocacy: the case-study playbook, alignment and approvals before the ask. */
    {"cs-align", "Case study: internal alignment", AK_ADVOCACY, 2.0, DL_START, 14, {NULL},
     "Agree the case-study angle for {client} with marketing (technical win, ROI, speed of deployment), loop "
     "in sales, and confirm with legal that the contract allows it{msa_note}",
     "Internal alignment before asking: the customer is asked once, with a clear story",
     "An agreed narrative angle and legal clearance",
     "Marketing brief approved; legal sign-off recorded"},
    {"cs-approval", "Case study: approval path", AK_ADVOCACY, 1.5, DL_START, 28, {"cs-align", NULL},
     "Map {client}'s approval path for a case study: who signs off in marketing, legal and the executive "
     "sponsor's office",
     "So {client}'s champion knows what is needed before committing",
     "The approvers and the steps written down with the champion",
     "Approval map shared with and confirmed by the champion"},
    {"cs-metrics", "Case study: proof points", AK_ADVOCACY, 3.0, DL_START, 35, {"cs-align", NULL},
     "Collect proof points for {client}: baseline metrics from onboarding{kpi_note}, current metrics, stories "
     "and strong quotes from past calls",
     "A case study built on real numbers",
     "A before-and-after metrics sheet and three usable quotes",
     "Metrics sheet complete and checked with the customer"},
    {"cs-ask", "Case study: the ask", AK_ADVOCACY, 1.5, DL_START, 49, {"cs-approval", "cs-metrics", NULL},
     "Ask {client}'s champion to feature in a case-study video, with what is in it for them: recognition, a "
     "polished PDF to share, early access to new features",
     "Consent for marketing's case-study videos for the website refresh",
     "A yes, with interview dates, or the reason for a no",
     "Consent recorded; last advocacy ask set in csm (csm set ... last_advocacy_ask=DATE)"},
};

const int activity_template_count = (int)(sizeof activity_templates / sizeof activity_templates[0]);

const struct activity_template *activity_template(const char *id)
{
    for (int i = 0; i < activity_template_count; i++)
        if (strcmp(activity_templates[i].id, id) == 0)
            return &activity_templates[i];
    return NULL;
}
