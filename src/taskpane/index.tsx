import { createRoot } from "react-dom/client";
import { App } from "./App";

function mount(): void {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App />);
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  void Office.onReady(() => mount());
} else {
  mount();
}
