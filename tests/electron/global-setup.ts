import { useElectronBuild } from './native-build';

// Playwright runs the function this returns as the global teardown.
export default function globalSetup() {
  return useElectronBuild();
}
