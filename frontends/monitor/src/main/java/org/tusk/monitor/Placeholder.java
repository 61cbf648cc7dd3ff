package org.tusk.monitor; final class Placeholder { private Placeholder() {} }
