/** Mapping details shared by every entity of the one persistence unit. */
package io.promptwatch.persistence;
