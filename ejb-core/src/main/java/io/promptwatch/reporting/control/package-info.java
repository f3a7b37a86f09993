/**
 * The pure work of a report: composing its content from the figures read (trends, calibration,
 * recommendation rules, rankings) and rendering it as Markdown, HTML and JSON.
 */
package io.promptwatch.reporting.control;
