import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { CockpitClient } from '../api/client';
import { CockpitClientContext, useCockpitEvents } from '../api/hooks';
import { Appearance } from './Appearance';
import { DatabaseGate } from './DatabaseGate';
import { createAppQueryClient } from './queryClient';

export function App({ client }: { client: CockpitClient }) {
  const [queryClient] = useState(createAppQueryClient);
  return (
    <CockpitClientContext.Provider value={client}>
      <QueryClientProvider client={queryClient}>
        <CoreEventsBridge />
        <Appearance>
          <DatabaseGate />
        </Appearance>
      </QueryClientProvider>
    </CockpitClientContext.Provider>
  );
}

function CoreEventsBridge() {
  useCockpitEvents();
  return null;
}
