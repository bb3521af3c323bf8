package org.unionaid.registry.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "station")
public class Station extends PanacheEntityBase {

    @Id
    public String code;

    public String name;

    @Column(name = "parent_code")
    public String parentCode;

    @Enumerated(EnumType.STRING)
    public StationLevel level;

    /** '/CITY/DISTRICT/.../CODE/': every station's path starts with its ancestors' paths. */
    public String path;

    @Column(name = "created_at")
    public Instant createdAt;
}
