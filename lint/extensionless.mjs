// @camunda/form-linting ships ES modules whose relative imports omit the ".js" a bundler adds; Node needs it.
export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error.code !== 'ERR_MODULE_NOT_FOUND' || !specifier.startsWith('.')) {
      throw error;
    }
    return nextResolve(`${specifier}.js`, context);
  }
}
