import type React from "react";
import { FluentProvider, webLightTheme, Title3, Body1 } from "@fluentui/react-components";

export function App(): React.JSX.Element {
  return (
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }}>
        <Title3 as="h1">Compare payment models</Title3>
        <Body1 as="p">The PAY functions are ready: type =PAY. in a cell.</Body1>
      </main>
    </FluentProvider>
  );
}
