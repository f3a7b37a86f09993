/** The stored execution record and the privacy modes. */
package io.promptwatch.tracking.entity;
