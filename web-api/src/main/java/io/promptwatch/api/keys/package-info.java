/** The API key resource (admin only). */
package io.promptwatch.api.keys;
