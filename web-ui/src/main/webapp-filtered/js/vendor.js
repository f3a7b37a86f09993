// The third-party modules the dashboard uses, at the versions web-ui/pom.xml names (filled in by the build).
export { default as uPlot } from '../webjars/uplot/${uplot.version}/dist/uPlot.esm.js';
