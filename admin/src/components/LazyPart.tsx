import { Component, Suspense, type ReactNode } from 'react';
import { ErrorState, Loading } from './States';

interface BoundaryProps {
  what: string;
  children: ReactNode;
}

/** A part of a page that failed to render (e.g. its code could not be downloaded) says so; the rest of the page stays. */
class PartBoundary extends Component<BoundaryProps, { error: unknown }> {
  state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  render() {
    if (this.state.error) {
      return <ErrorState error={this.state.error} what={this.props.what} onRetry={() => this.setState({ error: null })} />;
    }
    return this.props.children;
  }
}

/**
 * A lazily loaded part of a page (charts, the map: their libraries are large and only some
 * pages need them), with a polite loading message and its own error state.
 */
export function LazyPart({ what, loading, children }: { what: string; loading: string; children: ReactNode }) {
  return (
    <PartBoundary what={what}>
      <Suspense fallback={<Loading label={loading} />}>{children}</Suspense>
    </PartBoundary>
  );
}
