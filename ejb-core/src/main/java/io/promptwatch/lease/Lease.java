package io.promptwatch.lease;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** Who holds a named task until when. A holder renews its own lease; anyone takes an expired one. */
@Entity
@Table(name = "cluster_lease")
public class Lease {

    @Id
    private String name;
    private String holder;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "acquired_at")
    private Instant acquiredAt;

    protected Lease() {
    }

    Lease(String name, String holder, Instant now, Duration term) {
        this.name = name;
        this.holder = holder;
        this.acquiredAt = now;
        this.expiresAt = now.plus(term);
    }

    /** Takes or renews the lease for {@code holder}; false when another holder's lease still runs. */
    boolean take(String holder, Instant now, Duration term) {
        if (!holder.equals(this.holder) && now.isBefore(expiresAt)) {
            return false;
        }
        if (!holder.equals(this.holder)) {
            this.holder = holder;
            this.acquiredAt = now;
        }
        this.expiresAt = now.plus(term);
        return true;
    }

    public String name() {
        return name;
    }

    public String holder() {
        return holder;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant acquiredAt() {
        return acquiredAt;
    }

    /** Whether the lease has run out at {@code now}: any server may take it. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
