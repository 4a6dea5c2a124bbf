package seed;

public final class App {
    public static int answer() {
        return 42;
    }
}
