import { Table, TableCaption, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * An Utrecht table with a caption, in a box that scrolls sideways on narrow screens. Only when
 * it actually scrolls does the box become a focusable, labelled region, so keyboard users can
 * scroll it (WCAG 2.1.1) without extra tab stops and landmarks everywhere else. `columns`: a
 * header row of plain column headers (tables with another header bring their own TableHeader).
 */
export function ScrollTable({
  caption,
  busy,
  columns,
  className,
  children,
}: {
  caption: ReactNode;
  busy?: boolean;
  columns?: readonly string[];
  /** More classes for the scrolling box (e.g. one with sticky headers and its own height). */
  className?: string;
  children: ReactNode;
}) {
  const captionId = useId();
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, []);

  return (
    <div
      ref={box}
      className={className ? `app-table-wrapper ${className}` : 'app-table-wrapper'}
      tabIndex={scrolls ? 0 : undefined}
      role={scrolls ? 'region' : undefined}
      aria-labelledby={scrolls ? captionId : undefined}
    >
      <Table busy={busy}>
        <TableCaption id={captionId}>{caption}</TableCaption>
        {columns && (
          <TableHeader>
            <TableRow>
              {columns.map((column, index) => (
                <TableHeaderCell key={index} scope="col">
                  {column}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
        )}
        {children}
      </Table>
    </div>
  );
}
