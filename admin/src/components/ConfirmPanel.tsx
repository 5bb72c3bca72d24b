import { Alert, Button, ButtonGroup, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';

/**
 * "Are you sure?" in the page instead of a browser dialog: the question, what follows, and the
 * two answers. Focus moves to the question when it appears; Escape cancels.
 */
export function ConfirmPanel({
  question,
  consequence,
  confirmLabel,
  cancelLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  question: string;
  consequence?: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      tabIndex={-1}
      className="app-confirm"
      role="group"
      aria-label={question}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <Alert type="warning">
        <Paragraph>
          <strong>{question}</strong>
        </Paragraph>
        {consequence && <Paragraph>{consequence}</Paragraph>}
        <ButtonGroup>
          <Button appearance="primary-action-button" hint="danger" busy={busy} disabled={busy} onClick={onConfirm}>
            {confirmLabel}
          </Button>
          <Button appearance="secondary-action-button" disabled={busy} onClick={onCancel}>
            {cancelLabel}
          </Button>
        </ButtonGroup>
      </Alert>
    </div>
  );
}
