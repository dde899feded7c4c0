/**
 * Live behaviour: each tick the platform moves on — new mentions and KPI points, now and then an
 * incident (a burst of negative posts about one merchant or SKU), new risk events, colleagues'
 * commands (acknowledging alerts, check-ins), occasional deletes. Deterministic per (seed, tick).
 */
import { RISK_TYPES } from './contract';
import type { CommandLedger } from './commands';
import { pickTopic, type Topic } from './mention-text';
import { GEOGRAPHY } from './names';
import { Rng, hash3, salt } from './rng';
import { pad, type Rec } from './source';
import { TOPIC_LABELS, type MentionSpec } from './gen-voice';
import type { PlatformState } from './state';
import { HOUR_MS, MINUTE_MS, formatTs } from './time';
import { SALTS } from './world';

export class LiveSimulator {
  private tickNo = 0;
  private liveMentions = 0;
  private liveRisks = 0;
  private lastKpiMinute: number;
  private shockTicks = 0;
  private readonly openedAlerts: string[] = [];

  constructor(private readonly state: PlatformState, private readonly ledger: CommandLedger, private readonly tickMs: number) {
    this.lastKpiMinute = Math.floor(state.now() / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  }

  get ticks(): number {
    return this.tickNo;
  }

  tick(): void {
    this.tickNo++;
    this.state.advance(this.tickMs);
    const rng = Rng.of(this.state.seed, SALTS.live, this.tickNo);
    const scale = this.state.world.scale;
    this.addMentions(rng, rng.range(Math.ceil(scale.liveMentionsPerTick / 2), scale.liveMentionsPerTick * 2), null);
    if (rng.chance(0.08)) this.incident(rng);
    this.updateKpis();
    if (rng.chance(0.04)) this.addRiskEvent(rng);
    if (rng.chance(0.25)) this.colleagueAcknowledges(rng);
    if (rng.chance(0.15)) this.colleagueChecksIn(rng);
    if (rng.chance(0.05)) this.deleteSpamMention(rng);
  }

  private addMentions(rng: Rng, count: number, incident: { merchant: number; sku: number; topic: Topic } | null): string[] {
    const ids: string[] = [];
    for (let k = 0; k < count; k++) {
      const spec: MentionSpec = incident
        ? { merchant: incident.merchant, sku: incident.sku, category: -1, topic: incident.topic, sentiment: rng.chance(0.85) ? 'negative' : 'neutral', publishedMs: this.state.now() - rng.int(this.tickMs) }
        : this.state.mentions.everydaySpec(rng, this.state.now() - rng.int(this.tickMs));
      const id = `mn_L${pad(this.liveMentions++, 7)}`;
      const record = this.state.mentions.build(id, rng, spec, 1);
      this.state.put('mentions', id, record);
      ids.push(id);
    }
    return ids;
  }

  /**
   * A burst of negative posts about one merchant or SKU, and the alert for it (opened by the
   * platform's own monitoring, as a colleague would); KPIs wobble for a few ticks.
   */
  private incident(rng: Rng): void {
    const w = this.state.world;
    const onSku = rng.chance(0.3);
    const subject = onSku ? rng.int(w.scale.skus) : rng.int(w.scale.merchants);
    const topic = pickTopic(rng, this.state.mentions.l1Of(onSku ? -1 : subject, onSku ? subject : -1, -1));
    const ids = this.addMentions(rng, rng.range(20, 60), { merchant: onSku ? -1 : subject, sku: onSku ? subject : -1, topic });
    this.shockTicks = 5;
    const subjectType = onSku ? 'sku' : 'merchant';
    const subjectId = onSku ? w.skuId(subject) : w.merchantId(subject);
    const subjectName = onSku ? this.state.skus.nameOf(subject) : this.state.merchants.nameOf(subject);
    const dedupKey = `${topic}:${subjectType}:${subjectId}`;
    const window = Math.floor(this.state.now() / (6 * HOUR_MS));
    const alertId = derivedId(this.state.seed, `${dedupKey}@${window}`);
    const severity = ids.length >= 45 ? 'P1' : ids.length >= 30 ? 'P2' : 'P3';
    this.ledger.execute({
      id: derivedId(this.state.seed, `open:${alertId}`), type: 'alert.open', entity_id: alertId,
      payload: {
        dedup_key: dedupKey, title: `${subjectName} ${TOPIC_LABELS[topic]}负面舆情激增`, severity, subject_type: subjectType, subject_id: subjectId,
        topic, mention_ids: ids.slice(0, 50), mention_count: ids.length, negative_share: 0.85,
      },
    }, this.colleague(rng));
    this.openedAlerts.push(alertId);
  }

  /**
   * A burst of negative posts about one merchant that nobody has opened an alert for: what a
   * cockpit must detect by itself (benchmarks and tests of burst-to-alert). Published now.
   */
  injectBurst(count: number): { subjectType: 'merchant'; subjectId: string; topic: Topic; mentionIds: string[] } {
    const rng = Rng.of(this.state.seed, SALTS.live, 1_000_000 + this.liveMentions);
    const merchant = rng.int(this.state.world.scale.merchants);
    const topic = pickTopic(rng, this.state.mentions.l1Of(merchant, -1, -1));
    const mentionIds: string[] = [];
    for (let k = 0; k < count; k++) {
      const id = `mn_L${pad(this.liveMentions++, 7)}`;
      const spec: MentionSpec = { merchant, sku: -1, category: -1, topic, sentiment: 'negative', publishedMs: this.state.now() - k * 1000 };
      this.state.put('mentions', id, this.state.mentions.build(id, rng, spec, 1));
      mentionIds.push(id);
    }
    return { subjectType: 'merchant', subjectId: this.state.world.merchantId(merchant), topic, mentionIds };
  }

  /** Counters of the current minute grow every tick (new versions); a finished minute gets its final value. */
  private updateKpis(): void {
    const now = this.state.now();
    const minute = Math.floor(now / MINUTE_MS) * MINUTE_MS;
    const shock = this.shockTicks > 0 ? 1.4 : 1;
    if (this.shockTicks > 0) this.shockTicks--;
    const firstFinal = Math.max(this.lastKpiMinute, minute - 60 * MINUTE_MS);
    for (let m = firstFinal; m < minute; m += MINUTE_MS) this.putKpiMinute(m, 1, shock);
    this.putKpiMinute(minute, Math.max(0.02, (now - minute) / MINUTE_MS), shock);
    this.lastKpiMinute = minute;
  }

  private putKpiMinute(minuteMs: number, fraction: number, shock: number): void {
    const kpi = this.state.kpi;
    if (minuteMs < kpi.firstMinuteMs + kpi.minutes * MINUTE_MS) return; // generated history is final
    for (let s = 0; s < kpi.series; s++) {
      const point = kpi.point(minuteMs, s, 1, fraction, shock);
      this.state.put('kpi_points', point.id, point);
    }
  }

  private addRiskEvent(rng: Rng): void {
    const w = this.state.world;
    const type = rng.pick(RISK_TYPES);
    const province = GEOGRAPHY[w.pickPlace(rng)[0]]?.[0] ?? '浙江';
    const suppliers = [w.supplierId(rng.int(w.scale.suppliers)), w.supplierId(rng.int(w.scale.suppliers))];
    const title = `${province}${{ natural_disaster: '突发暴雨', capacity_drop: '临时限产', quality_incident: '质量抽检不合格', logistics_disruption: '物流中断', compliance: '合规检查', financial: '供应商资金异常' }[type]}`;
    const id = `risk_L${pad(this.liveRisks++, 5)}`;
    this.state.put('risk_events', id, {
      type, title, description: `${title}，可能影响相关供应商交付，请关注单一货源SKU。`, provinces: [province], supplier_ids: suppliers,
      severity: rng.range(1, 5), started_at: formatTs(this.state.now()), expected_end_at: formatTs(this.state.now() + rng.range(6, 96) * HOUR_MS), status: 'open',
    });
  }

  private randomRecord(rng: Rng, resource: 'alerts' | 'key_results', accept: (r: Rec) => boolean): Rec | null {
    const rs = this.state.resource(resource);
    for (let attempt = 0; attempt < 20; attempt++) {
      const record = this.state.get(resource, rs.source.idAt(rng.int(rs.source.count)));
      if (record && accept(record)) return record;
    }
    return null;
  }

  private colleague(rng: Rng): { id: string; scope: null } {
    return { id: this.state.world.randomPerson(rng, 'operations'), scope: null };
  }

  private colleagueAcknowledges(rng: Rng): void {
    const recent = this.openedAlerts.length > 0 && rng.chance(0.5) ? this.state.get('alerts', rng.pick(this.openedAlerts)) : null;
    const alert = recent?.status === 'open' ? recent : this.randomRecord(rng, 'alerts', (a) => a.status === 'open');
    if (!alert) return;
    this.ledger.execute({ id: `sim-ack-${this.state.seed}-${this.tickNo}`, type: 'alert.acknowledge', entity_id: alert.id, base_version: alert.version, payload: {} }, this.colleague(rng));
  }

  private colleagueChecksIn(rng: Rng): void {
    const kr = this.randomRecord(rng, 'key_results', () => true);
    if (!kr) return;
    const value = Math.round((Number(kr.current_value) + (Number(kr.target_value) - Number(kr.current_value)) * 0.1 * rng.float()) * 10) / 10;
    this.ledger.execute({
      id: `sim-ci-${this.state.seed}-${this.tickNo}`, type: 'okr.check_in', entity_id: `sim-ci-${this.state.seed}-${this.tickNo}`,
      payload: { key_result_id: kr.id, value, confidence: Math.round(rng.float() * 100) / 100, note: '例行周更新' },
    }, this.colleague(rng));
  }

  private deleteSpamMention(rng: Rng): void {
    const id = this.state.mentions.idAt(rng.int(this.state.mentions.count));
    if (this.state.get('mentions', id)) this.state.remove('mentions', id);
  }
}

/** A UUID-shaped id derived from the seed and a key: the same incident always gets the same ids. */
export function derivedId(seed: number, key: string): string {
  const k = salt(key);
  const hex = [1, 2, 3, 4].map((i) => hash3(seed, k, i).toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
