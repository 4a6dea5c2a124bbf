package seed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AppTest {
    @Test
    void answers() {
        assertEquals(42, App.answer());
    }
}
