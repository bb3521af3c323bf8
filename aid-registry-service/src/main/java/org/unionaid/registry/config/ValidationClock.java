package org.unionaid.registry.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ClockProvider;
import org.unionaid.registry.service.FileRules;

import java.time.Clock;

/**
 * Bean Validation's "today" (@PastOrPresent of a date) is the registry's day, China's: with the JVM's zone a date of
 * today in Asia/Shanghai was refused as in the future from 16:00 UTC on.
 */
@ApplicationScoped
public class ValidationClock implements ClockProvider {

    @Override
    public Clock getClock() {
        return Clock.system(FileRules.ZONE);
    }
}
