import { lazy } from 'react';

/*
 * The directory's pages load on demand: someone who only signs in to read the States list, or a
 * nominee opening an acceptance link on a slow connection, never downloads the rest.
 */
export const DirectoryPage = lazy(() =>
  import('./directory/DirectoryPage.tsx').then((m) => ({ default: m.DirectoryPage })),
);
export const EntryPage = lazy(() => import('./directory/EntryPage.tsx').then((m) => ({ default: m.EntryPage })));
export const CoveragePage = lazy(() =>
  import('./directory/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage })),
);
export const MyStatePage = lazy(() => import('./directory/MyStatePage.tsx').then((m) => ({ default: m.MyStatePage })));
export const NominationFormPage = lazy(() =>
  import('./nominations/NominationFormPage.tsx').then((m) => ({ default: m.NominationFormPage })),
);
export const NominationsPage = lazy(() =>
  import('./nominations/NominationsPage.tsx').then((m) => ({ default: m.NominationsPage })),
);
export const NominationDetailPage = lazy(() =>
  import('./nominations/NominationDetailPage.tsx').then((m) => ({ default: m.NominationDetailPage })),
);
export const AcceptPage = lazy(() => import('./nominations/AcceptPage.tsx').then((m) => ({ default: m.AcceptPage })));
export const InboxPage = lazy(() => import('./communications/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
export const ThreadPage = lazy(() =>
  import('./communications/ThreadPage.tsx').then((m) => ({ default: m.ThreadPage })),
);
export const ComposePage = lazy(() =>
  import('./communications/ComposePage.tsx').then((m) => ({ default: m.ComposePage })),
);
export const AcknowledgePage = lazy(() =>
  import('./communications/AcknowledgePage.tsx').then((m) => ({ default: m.AcknowledgePage })),
);
export const PingTestsPage = lazy(() =>
  import('./ping-tests/PingTestsPage.tsx').then((m) => ({ default: m.PingTestsPage })),
);
export const NewPingTestPage = lazy(() =>
  import('./ping-tests/NewPingTestPage.tsx').then((m) => ({ default: m.NewPingTestPage })),
);
export const PingTestPage = lazy(() =>
  import('./ping-tests/PingTestPage.tsx').then((m) => ({ default: m.PingTestPage })),
);
export const PingAcknowledgePage = lazy(() =>
  import('./ping-tests/PingAcknowledgePage.tsx').then((m) => ({ default: m.PingAcknowledgePage })),
);
export const SecurityPage = lazy(() =>
  import('./security/SecurityPage.tsx').then((m) => ({ default: m.SecurityPage })),
);
// Only a manager or authority without an authenticator app ever sees this, once.
export const TotpEnrolmentPage = lazy(() =>
  import('./security/TotpEnrolmentPage.tsx').then((m) => ({ default: m.TotpEnrolmentPage })),
);
