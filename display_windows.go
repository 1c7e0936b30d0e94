package main

func x11Reachable(string) bool { return true }
