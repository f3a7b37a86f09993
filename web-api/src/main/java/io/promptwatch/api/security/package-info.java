/** Bearer-key authentication (Jakarta Security mechanism and identity store) and role checks. */
package io.promptwatch.api.security;
