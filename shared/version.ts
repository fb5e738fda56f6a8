// The Orkestra version recorded in every bundle (resolver.version); kept equal to package.json's
// version by a test, so a release bump cannot forget it.
export const ORKESTRA_VERSION = '0.1.0';
