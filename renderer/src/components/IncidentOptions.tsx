// The <option> lists for an incident's severity and category, for every <select> that picks one.
import { categoryLabels, incidentCategories, severities } from '../../../preload/contract';

export function SeverityOptions() {
  return severities.map((s) => (
    <option key={s} value={s}>
      {s}
    </option>
  ));
}

export function CategoryOptions() {
  return incidentCategories.map((c) => (
    <option key={c} value={c}>
      {categoryLabels[c]}
    </option>
  ));
}
