import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { createApolloClient } from './apollo';
import { App } from './App';
import { ViewerProvider } from './auth/viewer';
import { initI18n } from './i18n';
import './styles';

initI18n();
const client = createApolloClient();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

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
);
