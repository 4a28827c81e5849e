// The label a record's form shows for each of its fields, for the history: the audit trail names
// fields by their code (`titleEn`), people know them by the form's words ("Title in English").
import type { TFunction } from 'i18next';
import type { AuditEntity } from '../../../../shared/safety-api';
import { actionShape, deploymentShape, expertShape, lessonShape } from '../../../../shared/schemas';

/** Each field code to its dictionary key; `t` only accepts keys that exist, so a field added without a label does not compile. */
function labelKeys<S extends 'actions' | 'lessons' | 'experts' | 'deployments', K extends string>(section: S, shape: Record<K, unknown>) {
  return new Map((Object.keys(shape) as K[]).map((code) => [code as string, `${section}.${code}` as const]));
}

const LABEL_KEYS = {
  action: labelKeys('actions', actionShape),
  lesson: labelKeys('lessons', lessonShape),
  expert: labelKeys('experts', expertShape),
  deployment: labelKeys('deployments', deploymentShape),
};
const hasFields = (entity: AuditEntity): entity is keyof typeof LABEL_KEYS => Object.hasOwn(LABEL_KEYS, entity);

/** The form's label of a field; the code itself for a field this version does not know. */
export function fieldLabel(t: TFunction, entity: AuditEntity, code: string): string {
  const key = hasFields(entity) ? LABEL_KEYS[entity].get(code) : undefined;
  return key ? t(key) : code;
}
