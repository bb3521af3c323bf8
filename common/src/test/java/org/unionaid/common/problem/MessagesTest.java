package org.unionaid.common.problem;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MessagesTest {

    @Test
    void answersChineseWhenTheCallerRanksItFirst() {
        assertEquals(Locale.CHINESE, Messages.localeOf("zh"));
        assertEquals(Locale.CHINESE, Messages.localeOf("zh-CN,zh;q=0.9,en;q=0.8"));
        assertEquals(Locale.CHINESE, Messages.localeOf("en;q=0.1, zh-TW;q=0.5"));
        assertEquals(Locale.ENGLISH, Messages.localeOf("en-US,zh;q=0.5"));
        assertEquals(Locale.ENGLISH, Messages.localeOf("fr, de"));
    }

    @Test
    void takesAnyMalformedHeaderAsEnglish() {
        assertEquals(Locale.ENGLISH, Messages.localeOf("garbage;;;q=="));
        assertEquals(Locale.ENGLISH, Messages.localeOf(";,;,"));
        assertEquals(Locale.ENGLISH, Messages.localeOf("zh;q=abc"));
        assertEquals(Locale.ENGLISH, Messages.localeOf("zh".repeat(400)));
        assertEquals(Locale.ENGLISH, Messages.localeOf((String) null));
    }

    @Test
    void hasEveryNewMessageInBothLanguages() {
        for (String key : new String[]{"field.text", "field.date", "field.number", "invalid-value.detail", "violation.url-text"}) {
            assertEquals(true, Messages.get(Locale.ENGLISH, key) != null, key);
            assertEquals(true, Messages.get(Locale.CHINESE, key).chars().anyMatch(c -> c > 0x4e00), key);
        }
    }
}
