import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { createApolloClient } from './apollo';
import { App } from './App';
import { ViewerProvider } from './auth/viewer';
import { initI18n } from './i18n';
import './styles';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
const client = createApolloClient();

// The texts of the reader's language are a chunk of their own (i18n/index.ts): render once they are there.
void initI18n().then(() =>
  createRoot(root).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <BrowserRouter>
        <ViewerProvider>
          <App />
        </ViewerProvider>
      </BrowserRouter>
    </ApolloProvider>
  </StrictMode>,
  ),
);
