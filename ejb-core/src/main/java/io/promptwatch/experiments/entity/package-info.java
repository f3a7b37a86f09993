/** The experiment as declared and as ended, with its arms. */
package io.promptwatch.experiments.entity;
