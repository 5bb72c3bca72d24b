import { Button, Heading3, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ScrollTable } from '../../components/ScrollTable';
import { Empty } from '../../components/States';
import type { CoverageStatus, NeighbourhoodDashboardQuery } from '../../gql/graphql';
import { currentLanguage } from '../../i18n';

type View = NeighbourhoodDashboardQuery['neighbourhoodView'];
type Coverage = View['coverage'];
type Cell = Coverage['rows'][number]['total'];

interface Named {
  nameNl: string;
  nameEn: string | null;
}

function useName() {
  const { i18n } = useTranslation();
  const language = currentLanguage(i18n.language);
  return (item: Named | null | undefined, fallback: string) => (item ? (language === 'en' && item.nameEn ? item.nameEn : item.nameNl) : fallback);
}

/** A cell's visible text: the count, or "?" when services without a basic function may belong here. */
function cellText(cell: Cell): string {
  return cell.status === 'UNKNOWN' ? '?' : String(cell.count);
}

interface Selection {
  row: string;
  column: string;
  cell: Cell;
  /** The column of services without a basic function: a count, no coverage status (no colour either). */
  plain: boolean;
  /** The cell's button: focus goes back there when the list closes. */
  opener: HTMLButtonElement;
}

/**
 * The coverage matrix as a heat map: target groups × the ten basic functions, each cell the
 * number of active services serving the area. Colour is never the only cue: the cell shows
 * the count (or "?"), and screen readers hear the legend's own words for its status. The box
 * scrolls both ways with the column headers and the target groups kept in view (sticky), so
 * every column is reachable at 1366 px and on a phone. A cell with services opens their list
 * in a side panel (a modal dialog): focus moves to its heading, and back to the cell when it
 * closes (Escape, the close button, or a click beside it).
 */
export function CoverageMatrix({ coverage, areaName }: { coverage: Coverage; areaName: string }) {
  const { t } = useTranslation();
  const name = useName();
  const [selected, setSelected] = useState<Selection | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The legend's wording is the screen reader's wording: one text per status.
  const statusText = (s: CoverageStatus) => t(`dashboard.coverage.legendItem.${s}`, { thin: coverage.thinBelow });

  useEffect(() => {
    const element = dialog.current;
    if (!element || !selected) return;
    if (!element.open) element.showModal();
    heading.current?.focus();
  }, [selected]);

  const close = () => {
    const opener = selected?.opener;
    dialog.current?.close();
    setSelected(null);
    opener?.focus();
  };

  if (coverage.rows.length === 0) return <Empty>{t('dashboard.coverage.empty')}</Empty>;

  // A plain function, not a component: a component defined here would remount (and lose focus) on every click.
  function cellContent(cell: Cell, row: string, column: string, plain = false) {
    const label = (
      <>
        {cellText(cell)}
        <span className="app-visually-hidden">
          {' '}
          ({plain ? column : `${column}: ${statusText(cell.status)}`})
        </span>
      </>
    );
    if (cell.services.length === 0) return label;
    const open = selected?.row === row && selected.column === column;
    return (
      <button
        type="button"
        className="app-cell-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={(event) => setSelected({ row, column, cell, plain, opener: event.currentTarget })}
      >
        {label}
      </button>
    );
  }

  return (
    <>
      <Paragraph>
        {t('dashboard.coverage.intro', { count: coverage.serviceCount, area: areaName })}
      </Paragraph>
      <ul className="app-legend" aria-label={t('dashboard.coverage.legend')}>
        {(['EMPTY', 'THIN', 'COVERED', 'UNKNOWN'] as const).map((s) => (
          <li key={s}>
            <span className={`app-coverage app-coverage--${s.toLowerCase()} app-legend__swatch`} aria-hidden="true" />
            {statusText(s)}
          </li>
        ))}
      </ul>
      <Paragraph className="app-small app-muted">{t('dashboard.coverage.scrollHint')}</Paragraph>
      <ScrollTable caption={t('dashboard.coverage.caption', { area: areaName })} className="app-matrix">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col" className="app-matrix__corner">
              {t('dashboard.coverage.targetGroup')}
            </TableHeaderCell>
            {coverage.basicFunctions.map((f) => (
              <TableHeaderCell key={f.id} scope="col" className="app-coverage-head">
                {/* Allow a break after the slash of "Regisseren/coördineren". */}
                {name(f, f.code).replace(/\//g, '/\u200b')}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col" className="app-coverage-head">
              {t('dashboard.coverage.unclassified')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" className="app-coverage-head">
              {t('dashboard.coverage.total')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {coverage.rows.map((row, index) => {
            const rowName = name(row.targetGroup, t('dashboard.coverage.unknownTargetGroup'));
            const rowKey = row.targetGroup?.id ?? `row-${index}`;
            return (
              <TableRow key={rowKey}>
                <TableHeaderCell scope="row" className="app-matrix__row-head">
                  {rowName}
                  {row.need.status === 'ABOVE_MUNICIPALITY' && (
                    <>
                      {' '}
                      <span className="app-badge">{t('dashboard.coverage.highNeed')}</span>
                    </>
                  )}
                </TableHeaderCell>
                {row.cells.map((cell, column) => {
                  const f = coverage.basicFunctions[column];
                  return (
                    <TableCell key={f?.id ?? column} className={`app-coverage app-coverage--${cell.status.toLowerCase()}`}>
                      {cellContent(cell, rowName, name(f, String(column + 1)))}
                    </TableCell>
                  );
                })}
                <TableCell className="app-coverage app-coverage--plain">
                  {cellContent(row.unclassified, rowName, t('dashboard.coverage.unclassified'), true)}
                </TableCell>
                <TableCell className={`app-coverage app-coverage--${row.total.status.toLowerCase()} app-coverage--total`}>
                  {cellContent(row.total, rowName, t('dashboard.coverage.total'))}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </ScrollTable>
      <Paragraph className="app-small app-muted">
        {t('dashboard.coverage.footnote', { withoutBasicFunction: coverage.withoutBasicFunction, withoutTargetGroup: coverage.withoutTargetGroup.count })}
      </Paragraph>
      <dialog
        ref={dialog}
        className="app-drilldown-dialog"
        aria-labelledby="coverage-drilldown"
        onCancel={(event) => {
          event.preventDefault();
          close();
        }}
        onClick={(event) => {
          // A click on the backdrop (the dialog element itself, outside its content) closes it.
          if (event.target === event.currentTarget) close();
        }}
      >
        {selected && (
          <div className="app-drilldown">
            <Heading3 id="coverage-drilldown" ref={heading} tabIndex={-1}>
              {t('dashboard.coverage.drilldownTitle', { row: selected.row, column: selected.column })}
            </Heading3>
            {!selected.plain && (
              <Paragraph className="app-small">
                {cellText(selected.cell)} — {statusText(selected.cell.status)}
              </Paragraph>
            )}
            <ul>
              {selected.cell.services.map((service) => (
                <li key={service.id}>
                  {service.name}
                  {service.organisation && <span className="app-muted"> — {service.organisation.name}</span>}
                </li>
              ))}
            </ul>
            <Button appearance="secondary-action-button" onClick={close}>
              {t('dashboard.coverage.closeDrilldown')}
            </Button>
          </div>
        )}
      </dialog>
    </>
  );
}
