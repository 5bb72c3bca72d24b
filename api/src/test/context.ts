import { contextFactoryOf } from '../common/feature';
import { features } from '../features';

/**
 * Contexts for tests that call services directly: made like the app's (every feature's loaders,
 * features.ts), so a service under test sees exactly the loaders it sees in a request.
 */
export const createContext = contextFactoryOf(features);
