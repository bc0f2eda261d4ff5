/** What the generator planted for a model, and what the hub raised. */
export interface PlantedHit {
  caseNo: string;
  modelId: string;
  expected: 'hit' | 'near_miss';
  unitCode: string;
}

export interface RaisedLead {
  caseNo: string | null;
  modelId: string;
  unitCode: string;
  /** `individual`, `class` or `followup`, where the API gives it. */
  kind?: string;
  status?: string;
}

export interface ModelScore {
  modelId: string;
  planted: number;
  raised: number;
  truePositives: number;
  /** Leads raised for the right case but sent to another office. */
  misrouted: number;
  /** Class leads (类案) of the model: patterns over cases, not counted against the planted cases. */
  classLeads: number;
  precision: number;
  recall: number;
  falsePositives: string[];
  missed: string[];
}

/** A class lead names a court and period, not a case (an API without `kind` shows it by its missing case). */
export function isClassLead(lead: RaisedLead): boolean {
  return lead.kind === 'class' || (lead.kind === undefined && lead.caseNo === null);
}

/**
 * Precision and recall per model against the planted truth, over the leads on one case each.
 * A lead counts as a true positive only when it names a planted hit's case and reached the
 * planted office (the court's: the generator's claims and labour-pay applicants stay below the
 * task-force thresholds, so none goes to the provincial task force). Class leads are counted
 * apart.
 */
export function scoreLeads(truth: PlantedHit[], leads: RaisedLead[]): ModelScore[] {
  const models = [...new Set([...truth.map((t) => t.modelId), ...leads.map((l) => l.modelId)])].sort();
  return models.map((modelId) => {
    const hits = new Map(
      truth.filter((t) => t.modelId === modelId && t.expected === 'hit').map((t) => [t.caseNo, t]),
    );
    const ofModel = leads.filter((l) => l.modelId === modelId);
    const raised = ofModel.filter((l) => !isClassLead(l));
    let truePositives = 0;
    let misrouted = 0;
    const falsePositives: string[] = [];
    const found = new Set<string>();
    for (const lead of raised) {
      const hit = lead.caseNo ? hits.get(lead.caseNo) : undefined;
      if (hit && hit.unitCode === lead.unitCode) {
        truePositives++;
        found.add(hit.caseNo);
      } else {
        if (hit) misrouted++;
        falsePositives.push(lead.caseNo ?? '(no case)');
      }
    }
    const missed = [...hits.keys()].filter((c) => !found.has(c));
    return {
      modelId,
      planted: hits.size,
      raised: raised.length,
      truePositives,
      misrouted,
      classLeads: ofModel.length - raised.length,
      precision: raised.length ? truePositives / raised.length : hits.size ? 0 : 1,
      recall: hits.size ? truePositives / hits.size : 1,
      falsePositives,
      missed,
    };
  });
}
