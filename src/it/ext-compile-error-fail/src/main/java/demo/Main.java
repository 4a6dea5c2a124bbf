package demo;

public class Main {
    // does not compile: the build fails for a reason that is not Airlock's
    NoSuchType field;
}
