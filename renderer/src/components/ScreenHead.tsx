// The top of a screen: its heading, the tabs that switch its views (plain links, so the hash routes
// them), and optional actions on the right.
import type { ReactNode } from 'react';

export interface ScreenTab {
  id: string;
  label: string;
  href: string;
}

interface ScreenHeadProps {
  /** Id of the <h1>; the screen's section points its aria-labelledby here. */
  titleId: string;
  title: string;
  tabsLabel: string;
  tabs: readonly ScreenTab[];
  /** The tab shown as current, or null when the view has no tab of its own. */
  current: string | null;
  actions?: ReactNode;
}

export function ScreenHead({ titleId, title, tabsLabel, tabs, current, actions }: ScreenHeadProps) {
  return (
    <div className="screen-head">
      <h1 id={titleId}>{title}</h1>
      <nav className="tabs" aria-label={tabsLabel}>
        {tabs.map((t) => (
          <a key={t.id} href={t.href} className={`tab${current === t.id ? ' on' : ''}`} aria-current={current === t.id ? 'page' : undefined}>
            {t.label}
          </a>
        ))}
      </nav>
      {actions && <div className="head-actions">{actions}</div>}
    </div>
  );
}
