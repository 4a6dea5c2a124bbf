package demo; public class Main {}
